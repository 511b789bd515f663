package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.web.ProblemWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CompletionBodyLimitFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BodiesInProgress inProgress = new BodiesInProgress(4096, 2048, Duration.ofMillis(100));
    /** A clock the slow body below moves: one second a read. */
    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();

    private final CompletionBodyLimitFilter filter = new CompletionBodyLimitFilter(
            10,
            inProgress,
            new ProblemWriter(new ObjectMapper()),
            new CaptureMetrics(registry),
            Duration.ofSeconds(3),
            now::get);

    /** A chunked upload: the body's length is unknown until it has been read. */
    private static MockHttpServletRequest chunked(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/lineage/completions") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(body.getBytes());
        return request;
    }

    @Test
    void refusesADeclaredLengthAboveTheLimitWithoutReadingIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/lineage/completions");
        request.setContent("x".repeat(11).getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            throw new AssertionError("must not pass on");
        });
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(registry.counter("lineage.rejected", "reason", "payload-too-large")
                        .count())
                .isEqualTo(1);
    }

    /**
     * Eight 14 MB completions at once ran a 512 MB heap out (OutOfMemoryError in request and Camel timer threads): a
     * body waits for room among the bodies in progress, and one that finds none in time is a 503 to send again.
     */
    @Test
    void aBodyThatFindsNoRoomAmongTheBodiesInProgressIsA503AndRoomIsGivenBack() throws Exception {
        BodiesInProgress.Room taken = inProgress.enter(3 * 1024);
        assertThat(taken).isNotNull();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/lineage/completions");
        request.setContent("0123456789".getBytes());
        MockHttpServletResponse busy = new MockHttpServletResponse();
        MockHttpServletRequest undeclared = chunked("0123456789");
        filter.doFilter(undeclared, busy, (req, res) -> {
            throw new AssertionError("must not pass on: a body of undeclared size takes max-body-bytes of room");
        });
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("5");
        assertThat(busy.getContentAsString()).contains("capture-busy").contains("max-bodies-in-progress");
        assertThat(registry.counter("lineage.rejected", "reason", "busy").count())
                .isEqualTo(1);

        MockHttpServletResponse small = new MockHttpServletResponse();
        filter.doFilter(
                request,
                small,
                (req, res) -> assertThat(inProgress.availableKib()).isEqualTo(0));
        assertThat(small.getStatus()).isEqualTo(200);
        taken.leave();
        taken.leave();
        assertThat(inProgress.availableKib()).isEqualTo(4);
    }

    @Test
    void readsAChunkedBodyUpToTheLimitAndPassesItOnIntact() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(chunked("0123456789"), response, (ServletRequest req, jakarta.servlet.ServletResponse res) -> {
            assertThat(req.getContentLengthLong()).isEqualTo(10);
            seen.set(new String(req.getInputStream().readAllBytes()));
        });
        assertThat(seen.get()).isEqualTo("0123456789");

        MockHttpServletResponse tooLarge = new MockHttpServletResponse();
        filter.doFilter(chunked("0123456789A"), tooLarge, (req, res) -> {
            throw new AssertionError("must not pass on");
        });
        assertThat(tooLarge.getStatus()).isEqualTo(413);
    }

    /**
     * A client that sends a byte now and then never lets the socket time out, and would keep its room among the
     * bodies in progress for as long as it likes: past body-read-timeout its body is a 408 and the room is free.
     */
    @Test
    void aBodyStillArrivingAfterTheReadTimeoutIsA408AndItsRoomIsGivenBack() throws Exception {
        MockHttpServletRequest trickle = new MockHttpServletRequest("POST", "/api/lineage/completions") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                // a byte a read, as a socket gives what has arrived; Spring's DelegatingServletInputStream would
                // read a whole buffer in one call
                return new jakarta.servlet.ServletInputStream() {
                    @Override
                    public int read() {
                        now.addAndGet(Duration.ofSeconds(1).toNanos());
                        return 'x';
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (len == 0) {
                            return 0;
                        }
                        b[off] = (byte) read();
                        return 1;
                    }

                    @Override
                    public boolean isFinished() {
                        return false;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(jakarta.servlet.ReadListener listener) {}
                };
            }
        };
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(trickle, response, (req, res) -> {
            throw new AssertionError("must not pass on");
        });
        assertThat(response.getStatus()).isEqualTo(408);
        assertThat(response.getContentAsString())
                .contains("body-too-slow")
                .contains("lineage.capture.body-read-timeout")
                .contains("nothing was stored");
        assertThat(registry.counter("lineage.rejected", "reason", "slow-body").count())
                .isEqualTo(1);
        assertThat(inProgress.availableKib()).as("the room given back").isEqualTo(4);
    }
}
