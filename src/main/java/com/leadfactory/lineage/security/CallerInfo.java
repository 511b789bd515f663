package com.leadfactory.lineage.security;

import com.leadfactory.lineage.web.CallerHeaders;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code GET /api/me}: who the panel is signed in as and what it may do. */
@Component("callerInfo")
public class CallerInfo {

    public Map<String, Object> describe(Map<String, Object> headers) {
        Object roles = headers.get(CallerHeaders.ROLES);
        List<String> roleList = roles == null || roles.toString().isBlank()
                ? List.of()
                : Arrays.asList(roles.toString().split(","));
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", headers.get(CallerHeaders.PRINCIPAL));
        me.put("roles", roleList);
        return me;
    }
}
