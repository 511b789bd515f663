package com.leadfactory.lineage.security;

import com.leadfactory.lineage.api.EndpointCatalog;
import com.leadfactory.lineage.caller.Role;
import com.leadfactory.lineage.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what: each endpoint of the catalog ({@code api.LineageApi}) with its role. API clients authenticate with {@code X-API-Key} or {@code Authorization: Bearer}
 * (stateless, no CSRF: a browser sends neither cross-site on its own); people sign in to the panel with a form, get a session
 * cookie, and send the CSRF token from the {@code XSRF-TOKEN} cookie back as {@code X-XSRF-TOKEN}.
 */
@Configuration
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    static final String LOGIN_PAGE = "/login.html";

    @Bean
    ClientRegistry clientRegistry(SecurityProperties properties, ObjectProvider<ClientSource> sources) {
        List<SecurityProperties.Client> clients = new ArrayList<>(properties.getClients());
        sources.orderedStream().forEach(source -> clients.addAll(source.clients()));
        ClientRegistry registry = new ClientRegistry(clients);
        if (registry.isEmpty()) {
            log.warn("No clients are configured (lineage.security.clients): every request but /actuator/health"
                    + " will be refused with 401. See README, 'Clients and roles'.");
        }
        return registry;
    }

    @Bean
    ClientAddressResolver clientAddressResolver(SecurityProperties properties) {
        return new ClientAddressResolver(properties.getTrustedProxies());
    }

    @Bean
    CallerResolver callerResolver(ClientAddressResolver addresses, RoleHierarchy roleHierarchy) {
        return new CallerResolver(addresses, roleHierarchy);
    }

    @Bean
    static DropHandlerMappingCacheFilter dropHandlerMappingCacheFilter() {
        return new DropHandlerMappingCacheFilter();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        StringBuilder hierarchy = new StringBuilder();
        for (Role role : Role.values()) {
            for (Role held : role.holds()) {
                hierarchy
                        .append(role.authority())
                        .append(" > ")
                        .append(held.authority())
                        .append('\n');
            }
        }
        return RoleHierarchyImpl.fromHierarchy(hierarchy.toString());
    }

    @Bean
    EndpointMatchers endpointMatchers(EndpointCatalog catalog) {
        return new EndpointMatchers(catalog);
    }

    /**
     * Spring Security wraps every filter of the chain, and the authentication and authorization managers, in an
     * observation when an ObservationRegistry exists. Nobody reads them, and with them merely disabled
     * (management.observations.enable) the wrapping still ran on every request (bench/README.md).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ProblemAuthenticationHandlers problemAuthenticationHandlers(
            ProblemWriter writer, ObjectProvider<ProblemAuthenticationHandlers.DeniedAccessListener> listener) {
        return new ProblemAuthenticationHandlers(
                writer, listener.getIfAvailable(() -> ProblemAuthenticationHandlers.DeniedAccessListener.NONE));
    }

    @Bean
    AuthFailures authFailures(
            AuthFailureProperties properties,
            ClientAddressResolver addresses,
            ObjectProvider<AuthFailures.Listener> listener,
            MeterRegistry registry) {
        return new AuthFailures(
                properties,
                addresses,
                listener.getIfAvailable(() -> AuthFailures.Listener.NONE),
                registry,
                Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            ClientRegistry clients,
            ProblemAuthenticationHandlers problems,
            CallerResolver callers,
            EndpointMatchers endpoints,
            AuthFailures failures,
            ProblemWriter problemWriter,
            RoleHierarchy roleHierarchy,
            @Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies)
            throws Exception {
        RequestMatcher machineEndpoints =
                new OrRequestMatcher(new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/actuator/**"));
        // CSRF guards cookie-borne sessions only: an API-key call, or an API call without a session cookie,
        // carries no ambient credential a forged cross-site request could ride on.
        RequestMatcher noAmbientCredentials = request -> ApiKeyAuthenticationFilter.presentedKey(request) != null
                || (machineEndpoints.matches(request) && request.getRequestedSessionId() == null);

        http.userDetailsService(clients)
                .addFilterBefore(new HeaderValuesFilter(problemWriter), DisableEncodeUrlFilter.class)
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(clients, problems, failures),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(
                        new AuthFailureThrottleFilter(failures, problemWriter), ApiKeyAuthenticationFilter.class)
                // before the CSRF check and sign-out: a token another site planted would pass the one, then the other
                .addFilterBefore(new CrossSiteRequestFilter(machineEndpoints, problemWriter), CsrfFilter.class)
                .addFilterAfter(new CallerHeadersFilter(callers), AuthorizationFilter.class)
                .addFilterAfter(new DeclaredParametersFilter(endpoints, problemWriter), AuthorizationFilter.class)
                .addFilterAfter(new RequestBodyFilter(endpoints, problemWriter), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> {
                    // path patterns, not path strings: in a Spring MVC application a string becomes a matcher
                    // that looks up the request's MVC handler, and for a path with a variable that tries every
                    // REST route's mapping in turn, once per string, on every request (bench/README.md)
                    auth.requestMatchers(paths("/actuator/health", "/actuator/health/**"))
                            .permitAll()
                            .requestMatchers(paths(LOGIN_PAGE, "/login", "/assets/**", "/favicon.ico", "/error"))
                            .permitAll();
                    // each endpoint of the catalog with its role; anything else (under /api: a 404) signed in
                    EndpointRoles roles = new EndpointRoles(endpoints, roleHierarchy);
                    auth.requestMatchers(roles::decides).access(roles);
                    auth.anyRequest().authenticated();
                })
                // no session for a request that is not signed in: a saved request would give every anonymous
                // request (a probe, a flood of them) its own server-side session until it times out, and the
                // panel's routes live in the URL fragment, which never reaches the server anyway
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie(secureCookies))
                        .csrfTokenRequestHandler(new EagerCsrfTokenRequestHandler(noAmbientCredentials))
                        .ignoringRequestMatchers(noAmbientCredentials))
                .formLogin(form -> form.loginPage(LOGIN_PAGE)
                        .loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(signInFailure(failures)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN_PAGE + "?signed-out"))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(problems, machineEndpoints)
                        .defaultAuthenticationEntryPointFor(signInPage(), request -> true)
                        .accessDeniedHandler(problems))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                                        + " object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
                                        + " form-action 'self'"))
                        // the panel never needs to say where a click came from; the API's URLs carry lead and run
                        // ids in their query strings
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** The sign-in page as a path: the entry point otherwise builds the URL from the request's Host header. */
    private static LoginUrlAuthenticationEntryPoint signInPage() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
        page.setFavorRelativeUris(true);
        return page;
    }

    /**
     * The CSRF token's cookie, readable by the panel's script, with the session cookie's flags: behind a proxy that
     * ends TLS the request itself is plain http, so the token cookie would otherwise never be {@code Secure}.
     */
    static CookieCsrfTokenRepository csrfCookie(boolean secure) {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> {
            cookie.sameSite("Lax");
            if (secure) {
                cookie.secure(true);
            }
        });
        return repository;
    }

    private static RequestMatcher[] paths(String... patterns) {
        return Arrays.stream(patterns)
                .map(pattern -> PathPatternRequestMatcher.withDefaults().matcher(pattern))
                .toArray(RequestMatcher[]::new);
    }

    /** A wrong user name or password on the sign-in form: recorded as a failed authentication, then the form again. */
    private static AuthenticationFailureHandler signInFailure(AuthFailures failures) {
        SimpleUrlAuthenticationFailureHandler form = new SimpleUrlAuthenticationFailureHandler(LOGIN_PAGE + "?error");
        return (request, response, exception) -> {
            failures.failed(request, AuthFailures.PASSWORD, request.getParameter("username"));
            form.onAuthenticationFailure(request, response, exception);
        };
    }

    /**
     * Plain (not XOR-masked) tokens, loaded on every browser request so the cookie is always there for the panel's
     * script. Masking defends tokens rendered into compressed HTML (BREACH); this token only travels in a cookie.
     * Requests CSRF does not apply to (an API key, an API call without a session) get no token: making one costs
     * a secure random UUID and a cookie on every API response that nobody reads (bench/README.md).
     */
    static final class EagerCsrfTokenRequestHandler extends CsrfTokenRequestAttributeHandler {
        private final RequestMatcher csrfExempt;

        EagerCsrfTokenRequestHandler(RequestMatcher csrfExempt) {
            this.csrfExempt = csrfExempt;
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            super.handle(request, response, token);
            if (!csrfExempt.matches(request)) {
                token.get();
            }
        }
    }
}
