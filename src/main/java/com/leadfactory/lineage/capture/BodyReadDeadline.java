package com.leadfactory.lineage.capture;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A request whose body must have arrived by a deadline. Each body holds room among the bodies in progress
 * ({@link BodiesInProgress}) until it is answered, and the socket's own timeout only bounds the pause between two
 * packets: a client that trickles a byte now and then would otherwise keep its room, and the completions behind
 * it get 503s. A read after the deadline throws {@link SlowBodyException}.
 */
final class BodyReadDeadline extends HttpServletRequestWrapper {

    private final Duration timeout;
    private final long deadline;
    private final LongSupplier nanoTime;
    private ServletInputStream body;

    BodyReadDeadline(HttpServletRequest request, Duration timeout, LongSupplier nanoTime) {
        super(request);
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.deadline = nanoTime.getAsLong() + timeout.toNanos();
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new Bounded(super.getInputStream());
        }
        return body;
    }

    private void check() {
        if (nanoTime.getAsLong() - deadline > 0) {
            throw new SlowBodyException(timeout);
        }
    }

    private final class Bounded extends ServletInputStream {

        private final ServletInputStream in;

        Bounded(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            check();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
