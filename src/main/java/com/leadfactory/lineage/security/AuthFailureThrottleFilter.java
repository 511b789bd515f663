package com.leadfactory.lineage.security;

import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before any credential is checked: an authentication attempt (an API key, {@code X-API-Key} or Bearer, or the sign-in
 * form's POST) from an IP that failed too often recently gets 429 problem+json with {@code Retry-After}, and its
 * credential is not even looked at (the attempt is still counted and audited, as throttled). Calls on an existing
 * session are not attempts and pass.
 */
public class AuthFailureThrottleFilter extends OncePerRequestFilter {

    private final AuthFailures failures;
    private final ProblemWriter writer;

    public AuthFailureThrottleFilter(AuthFailures failures, ProblemWriter writer) {
        this.failures = failures;
        this.writer = writer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean apiKey = ApiKeyAuthenticationFilter.presentedKey(request) != null;
        boolean signIn = "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
        return !apiKey && !signIn;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = failures.retryAfter(request);
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        boolean signIn = ApiKeyAuthenticationFilter.presentedKey(request) == null;
        failures.throttled(
                request,
                signIn ? AuthFailures.PASSWORD : AuthFailures.API_KEY,
                signIn ? request.getParameter("username") : null);
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        if (signIn && acceptsHtml(request)) {
            // the panel's sign-in form, posted by a browser: a problem+json body would be the page the person sees
            // (as raw JSON, the form gone); the sign-in page says it instead, as it says a wrong password
            response.sendRedirect(request.getContextPath() + SecurityConfig.LOGIN_PAGE + "?throttled=" + seconds);
            return;
        }
        writer.write(
                request,
                response,
                Problem.of(
                        429,
                        "too-many-failed-authentications",
                        "Too many failed authentications",
                        "Too many failed authentications from your address recently; try again in " + seconds + " s."));
    }
}
