package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.caller.BufferedBodyRequest;
import com.leadfactory.lineage.problem.PayloadTooLargeException;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses completion bodies above {@code lineage.capture.max-body-bytes} with 413 before any of it is parsed:
 * by Content-Length when the caller sends one, otherwise by reading at most limit + 1 bytes. A body declared in
 * a charset other than UTF-8 is refused with 415 (JSON between systems is UTF-8, RFC 8259); bytes that are not
 * UTF-8 are refused by {@link CompletionValidator} with 400. Each body waits for room among the bodies in progress
 * ({@link BodiesInProgress}) before it is read, and holds it until its answer is sent; a body that has not arrived
 * within {@code lineage.capture.body-read-timeout} is a 408 ({@link BodyReadDeadline}), so the body is read here, whole.
 */
public class CompletionBodyLimitFilter extends OncePerRequestFilter {

    static final String MAX_BODY_SETTING = "lineage.capture.max-body-bytes";

    private final long limitBytes;
    private final BodiesInProgress inProgress;
    private final ProblemWriter problems;
    private final CaptureMetrics metrics;
    private final Duration readTimeout;
    private final LongSupplier nanoTime;

    public CompletionBodyLimitFilter(
            long limitBytes,
            BodiesInProgress inProgress,
            ProblemWriter problems,
            CaptureMetrics metrics,
            Duration readTimeout) {
        this(limitBytes, inProgress, problems, metrics, readTimeout, System::nanoTime);
    }

    CompletionBodyLimitFilter(
            long limitBytes,
            BodiesInProgress inProgress,
            ProblemWriter problems,
            CaptureMetrics metrics,
            Duration readTimeout,
            LongSupplier nanoTime) {
        this.limitBytes = limitBytes;
        this.inProgress = inProgress;
        this.problems = problems;
        this.metrics = metrics;
        this.readTimeout = readTimeout;
        this.nanoTime = nanoTime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!declaresUtf8OrNothing(request.getHeader("Content-Type"))) {
            metrics.rejected("invalid");
            problems.write(
                    request,
                    response,
                    Problem.of(
                            415,
                            "unsupported-media-type",
                            "Unsupported media type",
                            "A completion is JSON in UTF-8 (RFC 8259); this Content-Type declares another charset."
                                    + " Send the same JSON as UTF-8; nothing was stored."));
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > limitBytes) {
            refuse(request, response);
            return;
        }
        BodiesInProgress.Room room = inProgress.enter(declared);
        if (room == null) {
            metrics.rejected("busy");
            response.setHeader("Retry-After", BodiesInProgress.RETRY_AFTER_SECONDS);
            problems.write(request, response, inProgress.busy());
            return;
        }
        boolean async = false;
        try {
            HttpServletRequest bounded;
            try {
                bounded = readWithinLimit(new BodyReadDeadline(request, readTimeout, nanoTime), limitBytes);
            } catch (SlowBodyException slow) {
                metrics.rejected("slow-body");
                problems.write(request, response, slow.problem());
                // the answer goes out now: Tomcat would first drain what is left of the slow body
                response.flushBuffer();
                return;
            }
            if (bounded == null) {
                refuse(request, response);
                return;
            }
            chain.doFilter(bounded, response);
            if (request.isAsyncStarted()) {
                room.leaveWhenDone(request.getAsyncContext());
                async = true;
            }
        } finally {
            if (!async) {
                room.leave();
            }
        }
    }

    /**
     * The body read whole here, under the read deadline, and served from memory to what comes next: Camel's
     * platform-http reads it before any route runs, where a late body could only become a 500. Null when a body
     * without Content-Length is larger than the limit (a declared one was judged before).
     */
    private static HttpServletRequest readWithinLimit(HttpServletRequest request, long limitBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared < 0) {
            return BufferedBodyRequest.withinLimit(request, limitBytes);
        }
        return new BufferedBodyRequest(request, request.getInputStream().readNBytes((int) declared));
    }

    /** No charset parameter, or UTF-8; a Content-Type that does not parse is left to the media-type check. */
    static boolean declaresUtf8OrNothing(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            String charset = MediaType.parseMediaType(contentType).getParameter("charset");
            return charset == null
                    || (Charset.isSupported(unquoted(charset))
                            && Charset.forName(unquoted(charset)).equals(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException, an illegal charset name
            return !contentType.toLowerCase(java.util.Locale.ROOT).contains("charset");
        }
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        metrics.rejected("payload-too-large");
        problems.write(request, response, new PayloadTooLargeException(limitBytes, MAX_BODY_SETTING).problem());
    }
}
