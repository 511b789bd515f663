package com.leadfactory.lineage.security;

import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API call that rides a panel session from another site. Every read here is audited in the caller's
 * name and counted, so a page elsewhere that sends a signed-in person's browser to {@code /api/lineage/<id>} (a
 * link, a redirect: the session cookie is {@code SameSite=Lax}, which lets top-level navigations carry it) would
 * write "this person looked at that record" into the audit trail. The browser says where a request comes from in
 * {@code Sec-Fetch-Site}; the panel calls the API only from its own origin ({@code same-origin}), and a URL typed
 * into the address bar is {@code none}. A request without the header (a program, an old browser) goes on, and so
 * does one with an API key: neither carries an ambient credential. Not audited, like a request without its CSRF
 * token: the signed-in person did not make it.
 *
 * <p>The same goes for a sign-in, a sign-out or any other change posted from another site. The CSRF token alone does
 * not stop a site that shares this host's cookies (another port of the same host, a sibling subdomain): it can set
 * its own {@code XSRF-TOKEN} cookie and post the same value in the form, and being the same site it gets the
 * {@code SameSite=Lax} session cookie sent along.
 */
public class CrossSiteRequestFilter extends OncePerRequestFilter {

    static final String HEADER = "Sec-Fetch-Site";

    private final RequestMatcher apiPaths;
    private final ProblemWriter problems;

    public CrossSiteRequestFilter(RequestMatcher apiPaths, ProblemWriter problems) {
        this.apiPaths = apiPaths;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean refused = fromAnotherSite(request)
                && ApiKeyAuthenticationFilter.presentedKey(request) == null
                && (changes(request) || (request.getRequestedSessionId() != null && apiPaths.matches(request)));
        if (!refused) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(
                request,
                response,
                Problem.of(
                        403,
                        "cross-site-request",
                        "Cross-site request",
                        "This request came from another site (Sec-Fetch-Site: " + request.getHeader(HEADER)
                                + "); the panel signs in, signs out and calls the API only from its own pages. Open"
                                + " the panel and go on there; API clients send X-API-Key."));
    }

    /** Sign-in, sign-out and every change: a form another site posts, also one that planted its own CSRF cookie. */
    private static boolean changes(HttpServletRequest request) {
        String method = request.getMethod();
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader(HEADER);
        if (site == null) {
            return false;
        }
        String value = site.trim().toLowerCase(Locale.ROOT);
        return value.equals("cross-site") || value.equals("same-site");
    }
}
