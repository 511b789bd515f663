package com.leadfactory.lineage.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.problem.Problem;
import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report for what Tomcat refuses itself, before any filter runs (a {@code %2F} or {@code %00} in the
 * path, a path that does not normalise, a request line too long to read): under {@code /api}, and when no path
 * could be read, an RFC 9457 problem with a request id, like every other API error, instead of Tomcat's HTML page;
 * so is any request outside the API that does not ask for HTML (as {@link ApiErrorFilter} answers); a browser's
 * page request keeps Tomcat's own report (no stack trace, no server version), sent with nosniff, no-referrer and a
 * CSP that lets it run nothing.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorReportValve.class);

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        // no path at all: the request line was refused unread (longer than Tomcat reads, 8 KB), most likely an API
        // call with a long query string, so it gets a problem too
        boolean unread = uri == null || uri.isEmpty();
        // outside the API only a browser's page request keeps Tomcat's page, as web.ApiErrorFilter decides for
        // every other error; a program (curl, a probe, a client library) gets a problem it can read
        if (!unread && !ApiErrorFilter.answeredWithProblems(request, uri)) {
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            response.setHeader("Referrer-Policy", "no-referrer");
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        boolean stopping = status == 400 && stopping(request.getConnector());
        // no response was written: Tomcat's reason, if it gave one, is only here, for the operator
        LOG.warn(
                "{} {} ended in {} with no response written (refused by Tomcat, or failed with nothing to answer){} (request id {}): {}",
                request.getMethod(),
                uri,
                status,
                stopping ? ", while the server stops: answered 503, to be sent again" : "",
                requestId,
                reason(response, throwable));
        Problem problem = problem(status, stopping);
        if (stopping) {
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
        }
        try {
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader(RequestIdFilter.HEADER, requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem.toBody(unread ? null : uri, requestId)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response cannot take a body any more: nothing more to say
        }
    }

    /**
     * A request Tomcat refuses as malformed while it stops (its connector paused for the graceful phase, or already
     * stopping) is most likely one its shutdown cut, not one its client wrote wrong: in SigtermFaultTest, about one
     * run in fifteen under load saw a well-formed completion answered 400 at that moment. A 400 is final to most
     * senders; the completion is not stored, so it must be sent again (docs/DESIGN-NOTES.md, "Shutdown order").
     */
    static boolean stopping(Connector connector) {
        if (connector == null) {
            return false;
        }
        if (!connector.getState().isAvailable()) {
            return true;
        }
        return connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol && protocol.isPaused();
    }

    static Problem problem(int status, boolean stopping) {
        if (stopping) {
            return Problem.of(
                    503,
                    "not-ready",
                    "Not ready",
                    "The server is stopping and could not read the request; nothing was stored. Retry (another"
                            + " instance may answer).");
        }
        return Problem.of(
                status,
                status == 400 ? "bad-request" : "http-" + status,
                status == 400 ? "Bad request" : "HTTP " + status,
                status == 400
                        ? "The request is malformed (for example an encoded '/' or a NUL in the path); nothing was"
                                + " read or stored."
                        : "The request could not be served; nothing was stored.");
    }

    private static String reason(Response response, Throwable throwable) {
        String message = response.getMessage();
        if (throwable != null) {
            return throwable.getClass().getName() + ": " + throwable.getMessage()
                    + (message == null ? "" : " (" + message + ")");
        }
        return message == null ? "no reason given" : message;
    }
}
