package com.leadfactory.lineage.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for things that happen asynchronously (queues, timers); fails with a message at the bound. */
public final class Await {

    private Await() {}

    public static void until(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + bound + " waiting until " + what);
            }
            sleep(100);
        }
    }

    /** Polls until {@code value} stops changing for {@code quiet} and satisfies {@code done}, within the bound. */
    public static <T> T settled(String what, Duration bound, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + bound.toNanos();
        T current = value.get();
        while (!done.test(current)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + bound + " waiting until " + what + "; last: " + current);
            }
            sleep(200);
            current = value.get();
        }
        return current;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
