package com.leadfactory.lineage.ingest;

import com.leadfactory.lineage.config.IngestProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a completion that must wait is tried again, and in which delay queue it waits meanwhile: the n-th wait uses
 * the n-th of {@code lineage.ingest.rabbitmq.retry-delays}, the last one repeating. It is dead-lettered at the first
 * failed attempt that comes at least {@code retry-budget} after it was first seen <em>and</em> after one wait in
 * every delay queue, so time spent paused (database down) never shortens the back-off a message goes through. See
 * docs/DESIGN-NOTES.md, "Queue retries".
 */
public final class RetrySchedule {

    private final String queue;
    private final List<Duration> delays;
    private final Duration budget;

    public RetrySchedule(String queue, List<Duration> delays, Duration budget) {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("lineage.ingest.rabbitmq.retry-delays needs at least one delay");
        }
        for (Duration delay : delays) {
            if (delay.toMillis() < 1 || delay.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "lineage.ingest.rabbitmq.retry-delays: " + delay + " is not between 1ms and 24 days");
            }
        }
        if (budget == null || budget.isNegative()) {
            throw new IllegalArgumentException("lineage.ingest.rabbitmq.retry-budget must not be negative");
        }
        this.queue = queue;
        this.delays = List.copyOf(delays);
        this.budget = budget;
    }

    public static RetrySchedule of(IngestProperties properties) {
        return new RetrySchedule(properties.getQueue(), properties.getRetryDelays(), properties.getRetryBudget());
    }

    /**
     * The wait after failed attempt number {@code attempts} (1 for the first), or empty when the message is to be
     * dead-lettered instead.
     */
    public Optional<Duration> nextDelay(int attempts, Instant firstSeen, Instant now) {
        boolean everyDelayTried = attempts > delays.size();
        boolean budgetSpent = !now.isBefore(firstSeen.plus(budget));
        if (everyDelayTried && budgetSpent) {
            return Optional.empty();
        }
        return Optional.of(delays.get(Math.min(attempts, delays.size()) - 1));
    }

    /** The delay queues, one per distinct delay, in the order of the delays. */
    public List<DelayQueue> delayQueues() {
        return delays.stream()
                .distinct()
                .map(d -> new DelayQueue(delayQueue(d), d))
                .toList();
    }

    public String delayQueue(Duration delay) {
        return queue + ".retry." + compact(delay);
    }

    public Duration budget() {
        return budget;
    }

    /** 1500ms, 30s, 2m, 1h, 1d: the largest unit that divides the delay, so the name says how long it holds. */
    static String compact(Duration delay) {
        long millis = delay.toMillis();
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** A durable queue whose messages expire after {@code delay} back into the ingest queue. */
    public record DelayQueue(String name, Duration delay) {}
}
