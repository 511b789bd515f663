package com.leadfactory.lineage.security;

import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * 401 and 403 for API callers as problem+json, so a client always gets a reason it can act on. A missing or wrong
 * CSRF token is its own 403, not audited as a refusal for roles.
 */
public class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter writer;
    private final DeniedAccessListener deniedAccessListener;

    public ProblemAuthenticationHandlers(ProblemWriter writer, DeniedAccessListener deniedAccessListener) {
        this.writer = writer;
        this.deniedAccessListener = deniedAccessListener;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        writer.write(
                request,
                response,
                Problem.of(
                        401,
                        "unauthenticated",
                        "Authentication required",
                        "Send a valid X-API-Key header, or sign in to the panel."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            // not a refusal for roles: the caller may hold every role, and a forged cross-site request must not
            // be recorded as the signed-in person's refused attempt
            writer.write(
                    request,
                    response,
                    Problem.of(
                            403,
                            "csrf-token-missing-or-wrong",
                            "CSRF token missing or wrong",
                            "This call changes something and came with a panel session cookie but without that"
                                    + " session's CSRF token (the XSRF-TOKEN cookie, sent back as X-XSRF-TOKEN)."
                                    + " Reload the panel and try again; API clients send X-API-Key instead."));
            return;
        }
        deniedAccessListener.accessDenied(request);
        writer.write(
                request,
                response,
                Problem.of(
                        403,
                        "forbidden",
                        "Not allowed",
                        "Your client's roles do not allow " + request.getMethod() + " " + request.getRequestURI()
                                + "."));
    }

    /** Hook for the audit trail: a refused read is still a read attempt worth recording. */
    public interface DeniedAccessListener {
        void accessDenied(HttpServletRequest request);

        DeniedAccessListener NONE = request -> {};
    }
}
