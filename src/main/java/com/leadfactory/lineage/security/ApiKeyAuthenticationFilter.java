package com.leadfactory.lineage.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API clients by their {@code X-API-Key} header, or the same key as {@code Authorization: Bearer}
 * (what OpenLineage's clients and most HTTP tooling send for an API key); an unknown key is a 401, never a
 * fallback, and a failed authentication ({@link AuthFailures}: audited, counted, throttled).
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";

    private static final String BEARER = "Bearer ";

    private final ClientRegistry clients;
    private final AuthenticationEntryPoint entryPoint;
    private final AuthFailures failures;

    public ApiKeyAuthenticationFilter(ClientRegistry clients, AuthenticationEntryPoint entryPoint) {
        this(clients, entryPoint, null);
    }

    public ApiKeyAuthenticationFilter(
            ClientRegistry clients, AuthenticationEntryPoint entryPoint, AuthFailures failures) {
        this.clients = clients;
        this.entryPoint = entryPoint;
        this.failures = failures;
    }

    /** Camel's platform-http answers through an async dispatch, which Spring Security authorizes again. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presentedKey(request);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        var client = clients.findByApiKey(key.trim());
        if (client.isEmpty()) {
            SecurityContextHolder.clearContext();
            // an async dispatch of the same request was counted already on its first pass
            if (failures != null && !isAsyncDispatch(request)) {
                failures.failed(request, AuthFailures.API_KEY, null);
            }
            entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                client.get().name(), null, client.get().authorities()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /**
     * The API key the request presents: {@code X-API-Key}, else an {@code Authorization: Bearer} token; null when
     * it presents none. Neither is sent by a browser on its own, so neither is an ambient credential.
     */
    public static String presentedKey(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key != null) {
            return key;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null
                && authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length());
        }
        return null;
    }
}
