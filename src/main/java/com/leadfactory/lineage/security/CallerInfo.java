package com.leadfactory.lineage.security;

import com.leadfactory.lineage.caller.Caller;
import com.leadfactory.lineage.caller.CallerHeaders;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code GET /api/me}: who the panel is signed in as and what it may do. */
@Component("callerInfo")
public class CallerInfo {

    public Caller describe(Map<String, Object> headers) {
        Object roles = headers.get(CallerHeaders.ROLES);
        List<String> roleList = roles == null || roles.toString().isBlank()
                ? List.of()
                : Arrays.asList(roles.toString().split(","));
        Object name = headers.get(CallerHeaders.PRINCIPAL);
        return new Caller(name == null ? null : name.toString(), roleList);
    }
}
