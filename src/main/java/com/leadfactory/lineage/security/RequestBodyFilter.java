package com.leadfactory.lineage.security;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.caller.BufferedBodyRequest;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a request body can cost before any route reads it. Camel's platform-http reads every request's body
 * whole into memory, and inflates it first when the request says {@code Content-Encoding: gzip}: a 400 KB gzip of
 * whitespace became 400 MB of heap. So under {@code /api}:
 *
 * <ul>
 *   <li>a body in any content coding ({@code Content-Encoding} other than {@code identity}) is refused with 415 and
 *       {@code Accept-Encoding: identity}, unread: no endpoint takes a compressed body;
 *   <li>a body above {@link #MAX_BODY_BYTES} is refused with 413, by its {@code Content-Length} or, for a chunked
 *       body, by reading at most one byte more than the limit. The two capture endpoints are left to their own,
 *       configurable limit ({@code lineage.capture.max-body-bytes}, capture.CompletionBodyLimitFilter); every other
 *       body is a hold's reason or an access report, far below the limit.
 * </ul>
 *
 * Runs after authorisation, so a caller without credentials or the role still gets its 401 or 403.
 */
public class RequestBodyFilter extends OncePerRequestFilter {

    /** The largest body an endpoint other than the capture endpoints takes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The catalog's capture endpoints (api.LineageApi), whose bodies capture limits itself. */
    static final Set<String> CAPTURE_ENDPOINTS = Set.of("post-completion", "post-openlineage-event");

    private final EndpointMatchers endpoints;
    private final ProblemWriter problems;

    public RequestBodyFilter(EndpointMatchers endpoints, ProblemWriter problems) {
        this.endpoints = endpoints;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(Endpoint.API_PREFIX + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String coding = request.getHeader("Content-Encoding");
        if (coding != null && !coding.trim().toLowerCase(Locale.ROOT).equals("identity")) {
            response.setHeader("Accept-Encoding", "identity");
            problems.write(
                    request,
                    response,
                    Problem.of(
                            415,
                            "unsupported-content-encoding",
                            "Unsupported content encoding",
                            "Request bodies are accepted uncompressed only (Content-Encoding: identity, or none);"
                                    + " nothing was read or stored."));
            return;
        }
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) { // no body: most requests
            chain.doFilter(request, response);
            return;
        }
        boolean capture = endpoints
                .match(request)
                .map(match -> CAPTURE_ENDPOINTS.contains(match.endpoint().id()))
                .orElse(false);
        if (capture) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest bounded = BufferedBodyRequest.withinLimit(request, MAX_BODY_BYTES);
        if (bounded == null) {
            refuse(request, response);
            return;
        }
        chain.doFilter(bounded, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(
                request,
                response,
                Problem.of(
                        413,
                        "payload-too-large",
                        "Payload too large",
                        "The request body exceeds the limit of " + MAX_BODY_BYTES + " bytes for " + request.getMethod()
                                + " " + request.getRequestURI() + "; nothing was stored."));
    }
}
