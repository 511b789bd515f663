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
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses completion bodies above {@code lineage.capture.max-body-bytes} with 413 before any of it is parsed:
 * by Content-Length when the caller sends one, otherwise by reading at most limit + 1 bytes. A body declared in
 * a charset other than UTF-8 is refused with 415 (JSON between systems is UTF-8, RFC 8259); bytes that are not
 * UTF-8 are refused by {@link CompletionValidator} with 400. Each body waits for room among the bodies in progress
 * ({@link BodiesInProgress}) before it is read, and holds it until its answer is sent; a body that has not arrived
 * within {@code lineage.capture.body-read-timeout} is a 408 ({@link SlowBodyException}), so the body is read here, whole.
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
            byte[] body;
            try {
                body = readBefore(request, nanoTime.getAsLong() + readTimeout.toNanos());
            } catch (SlowBodyException slow) {
                metrics.rejected("slow-body");
                problems.write(request, response, slow.problem());
                // the answer goes out now: Tomcat would first drain what is left of the slow body
                response.flushBuffer();
                return;
            }
            if (body.length > limitBytes) {
                refuse(request, response);
                return;
            }
            HttpServletRequest bounded = new BufferedBodyRequest(request, body);
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
     * The body, read whole here and served from memory to what comes next: its Content-Length, or without one at
     * most one byte more than the limit. The socket's timeout only bounds the pause between two packets, so a body
     * that trickles in is refused at the deadline ({@link SlowBodyException}); Camel's platform-http reads the body
     * before any route runs, where a late one could only become a 500.
     */
    private byte[] readBefore(HttpServletRequest request, long deadline) throws IOException {
        long declared = request.getContentLengthLong();
        int most = (int) (declared >= 0 ? declared : Math.min(Integer.MAX_VALUE - 8, limitBytes + 1));
        InputStream in = request.getInputStream();
        byte[] body = new byte[declared >= 0 ? most : Math.min(most, 8192)];
        int filled = 0;
        while (filled < most) {
            if (nanoTime.getAsLong() - deadline > 0) {
                throw new SlowBodyException(readTimeout);
            }
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(most, 2L * body.length));
            }
            int read = in.read(body, filled, body.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        return filled == body.length ? body : Arrays.copyOf(body, filled);
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
