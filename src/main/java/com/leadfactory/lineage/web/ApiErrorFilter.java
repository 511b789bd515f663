package com.leadfactory.lineage.web;

import com.leadfactory.lineage.problem.Problem;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Every error under {@code /api} and {@code /actuator}, and outside them every error of a request that does not
 * ask for HTML, is problem+json, including the ones no route produces: an unknown path (404),
 * a method the path does not take (405), an unacceptable Accept (406) or Content-Type (415), a URL the firewall
 * refuses (400). Spring MVC, Spring Security and the servlet container report those with
 * {@code response.sendError}, which would render Spring's default error body; this filter writes a problem in its
 * place, and does the same for an exception that escapes to the container's error dispatch.
 */
public class ApiErrorFilter implements Filter {

    static final String API_PREFIX = "/api";
    static final String ACTUATOR_PREFIX = "/actuator";
    static final String ERROR_PAGE = "/error";

    private final ProblemWriter problems;

    public ApiErrorFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (uri != null && answeredWithProblems(request, uri.toString()) && !response.isCommitted()) {
                Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
                int code = status instanceof Integer number ? number : 500;
                write(new OriginalUri(request, uri.toString()), response, code);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST && isErrorPage(request.getRequestURI())) {
            // Spring's error page asked for by a client, not reached through an error: it would answer 500 with
            // {"status": 999, "error": "None"}; there is nothing at this path for a client
            write(request, response, 404);
            return;
        }
        if (!answeredWithProblems(request, request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, new ProblemOnSendError(request, response));
    }

    private static boolean isErrorPage(String uri) {
        return uri.equals(ERROR_PAGE) || uri.startsWith(ERROR_PAGE + "/");
    }

    static boolean isApi(String uri) {
        return uri.equals(API_PREFIX) || uri.startsWith(API_PREFIX + "/");
    }

    /**
     * The API, the actuator (probes, metrics: read by programs) and any request that does not ask for HTML get
     * problems; only a browser's page request outside them keeps the container's HTML error page. Spring's default
     * error body ({@code timestamp}, {@code status}, {@code error}, {@code path}) is never sent.
     */
    static boolean answeredWithProblems(HttpServletRequest request, String uri) {
        return isApi(uri)
                || uri.equals(ACTUATOR_PREFIX)
                || uri.startsWith(ACTUATOR_PREFIX + "/")
                || !acceptsHtml(request.getHeader("Accept"));
    }

    private static boolean acceptsHtml(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        response.resetBuffer();
        if (status == 503) {
            response.setHeader("Retry-After", "5");
        }
        problems.write(request, response, problemFor(status, request.getMethod(), request.getRequestURI()));
        response.flushBuffer();
    }

    static Problem problemFor(int status, String method, String path) {
        return switch (status) {
            case 400 -> Problem.of(400, "bad-request", "Bad request", "The request is malformed; nothing was stored.");
            case 404 ->
                Problem.of(
                        404,
                        "not-found",
                        "Not found",
                        isApi(path)
                                ? "There is no API resource at " + path + "; see /api/openapi.json."
                                : "There is nothing at " + path + ".");
            case 405 ->
                Problem.of(
                        405,
                        "method-not-allowed",
                        "Method not allowed",
                        method + " is not allowed on " + path + "; the Allow header lists the methods that are.");
            case 406 ->
                Problem.of(
                        406,
                        "not-acceptable",
                        "Not acceptable",
                        "The Accept header excludes every media type " + path + " answers with.");
            case 415 ->
                Problem.of(
                        415,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "The Content-Type of the body is not one " + path + " accepts; nothing was stored.");
            case 500 ->
                Problem.of(
                        500,
                        "internal-error",
                        "Internal error",
                        "The request failed on the server and nothing was stored; retry, and quote the request id if it"
                                + " persists.");
            default -> generic(status);
        };
    }

    private static Problem generic(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = status >= 500
                ? "The request could not be served; nothing was stored. Retry later."
                : "The request was refused: " + title + ".";
        String type =
                title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return Problem.of(status, type, title, detail);
    }

    /** Turns {@code sendError} into a problem document, written at once. */
    private final class ProblemOnSendError extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        ProblemOnSendError(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                super.sendError(status, message);
                return;
            }
            try {
                write(request, (HttpServletResponse) getResponse(), status);
            } catch (IllegalStateException writerAlreadyInUse) {
                super.sendError(status, message);
            }
        }
    }

    /** The request as the client sent it, for a problem written during the container's error dispatch. */
    private static final class OriginalUri extends HttpServletRequestWrapper {

        private final String uri;

        OriginalUri(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }
    }
}
