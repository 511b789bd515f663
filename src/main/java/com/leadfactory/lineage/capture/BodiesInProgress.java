package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.Problem;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The completion bodies being captured over HTTP at once, by size: {@code lineage.capture.max-bodies-in-progress}.
 * A body is held in heap several times over while it is captured (its bytes, its JSON tree, the raw-input document),
 * so a few large completions at once ran the heap out (docs/DESIGN-NOTES.md, "Capture bodies in progress"). A body
 * takes room for its declared size (max-body-bytes when it declares none) before it is read; one that finds no room
 * within {@code capture-wait} is a 503 to send again. Room is counted in KiB.
 */
public class BodiesInProgress {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final String SETTING = "lineage.capture.max-bodies-in-progress";

    private final Semaphore kib;
    private final int capacityKib;
    private final long maxBodyBytes;
    private final Duration wait;

    public BodiesInProgress(long capacityBytes, long maxBodyBytes, Duration wait) {
        // one body of the largest size always fits, whatever the setting
        this.capacityKib = (int) Math.min(Integer.MAX_VALUE, Math.max(kib(capacityBytes), kib(maxBodyBytes)));
        this.kib = new Semaphore(capacityKib, true);
        this.maxBodyBytes = maxBodyBytes;
        this.wait = wait;
    }

    /** Room for a body of {@code declaredBytes} (negative: not declared), or null when none freed within the wait. */
    public Room enter(long declaredBytes) {
        int wanted = (int) Math.min(capacityKib, Math.max(1, kib(declaredBytes < 0 ? maxBodyBytes : declaredBytes)));
        try {
            if (!kib.tryAcquire(wanted, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return new Room(wanted);
    }

    /** Room free now, in KiB (for tests and the operator's view). */
    public int availableKib() {
        return kib.availablePermits();
    }

    Problem busy() {
        return Problem.of(
                503,
                "capture-busy",
                "Capture busy",
                "Completions of " + (capacityKib / 1024) + " MiB in all are being captured (" + SETTING
                        + "); nothing was stored. Send it again after Retry-After.");
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }

    /** A body's room, given back once, when its answer is sent. */
    public final class Room {
        private final int held;
        private final AtomicBoolean left = new AtomicBoolean();

        private Room(int held) {
            this.held = held;
        }

        public void leave() {
            if (left.compareAndSet(false, true)) {
                kib.release(held);
            }
        }

        /** For a request answered asynchronously: the room is given back when the answer is complete. */
        void leaveWhenDone(AsyncContext async) {
            async.addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    leave();
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    leave();
                }

                @Override
                public void onError(AsyncEvent event) {
                    leave();
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    event.getAsyncContext().addListener(this);
                }
            });
        }
    }
}
