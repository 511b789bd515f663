package com.leadfactory.lineage.security;

import com.leadfactory.lineage.caller.AccessPurpose;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as the audit trail and the routes see it: name, effective roles, IP, user agent, request id,
 * and the stated purpose of the access when it is valid (an invalid one is refused by audit.AccessPurposeFilter).
 */
public class CallerResolver {

    private final ClientAddressResolver addresses;
    private final RoleHierarchy roles;

    public CallerResolver(ClientAddressResolver addresses, RoleHierarchy roles) {
        this.addresses = addresses;
        this.roles = roles;
    }

    public Map<String, String> callerOf(HttpServletRequest request) {
        Map<String, String> caller = new LinkedHashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && authentication.getName() != null) {
            caller.put(CallerHeaders.PRINCIPAL, authentication.getName());
            TreeSet<String> effective = new TreeSet<>();
            for (GrantedAuthority authority : roles.getReachableGrantedAuthorities(authentication.getAuthorities())) {
                if (authority.getAuthority().startsWith("ROLE_")) {
                    effective.add(authority.getAuthority().substring("ROLE_".length()));
                }
            }
            caller.put(CallerHeaders.ROLES, String.join(",", effective));
        }
        caller.put(CallerHeaders.CLIENT_IP, addresses.resolve(request));
        String agent = request.getHeader("User-Agent");
        if (agent != null) {
            caller.put(CallerHeaders.USER_AGENT, agent.length() > 512 ? agent.substring(0, 512) : agent);
        }
        String stated = request.getHeader(AccessPurpose.HEADER);
        if (stated != null && AccessPurpose.problemWithHeader(stated) == null) {
            caller.put(CallerHeaders.PURPOSE, AccessPurpose.decode(stated));
        }
        String requestId = RequestIdFilter.requestId(request);
        if (requestId != null) {
            caller.put(CallerHeaders.REQUEST_ID, requestId);
        }
        return caller;
    }
}
