package com.leadfactory.lineage.security;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.caller.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Authorises a request to a catalog endpoint with the role the catalog gives it (api.LineageApi), or any signed-in
 * caller where it names none. One decision from the request's one endpoint match, instead of a rule per endpoint
 * tried in turn (docs/ARCHITECTURE.md, "One declaration per endpoint").
 */
final class EndpointRoles implements AuthorizationManager<RequestAuthorizationContext> {

    private final EndpointMatchers endpoints;
    private final Map<Role, AuthorityAuthorizationManager<RequestAuthorizationContext>> byRole =
            new EnumMap<>(Role.class);
    private final AuthenticatedAuthorizationManager<RequestAuthorizationContext> signedIn =
            AuthenticatedAuthorizationManager.authenticated();

    EndpointRoles(EndpointMatchers endpoints, RoleHierarchy hierarchy) {
        this.endpoints = endpoints;
        for (Role role : Role.values()) {
            AuthorityAuthorizationManager<RequestAuthorizationContext> manager =
                    AuthorityAuthorizationManager.hasRole(role.value());
            manager.setRoleHierarchy(hierarchy);
            byRole.put(role, manager);
        }
    }

    /** Whether the request is for a catalog endpoint: the requests this manager decides. */
    boolean decides(HttpServletRequest request) {
        return endpoints.match(request).isPresent();
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Endpoint endpoint = endpoints.match(context.getRequest()).orElseThrow().endpoint();
        return endpoint.role() == null
                ? signedIn.authorize(authentication, context)
                : byRole.get(endpoint.role()).authorize(authentication, context);
    }

    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return (AuthorizationDecision) authorize(authentication, context);
    }
}
