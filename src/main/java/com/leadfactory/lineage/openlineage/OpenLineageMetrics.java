package com.leadfactory.lineage.openlineage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The outbox on /actuator/prometheus: {@code lineage_openlineage_events_delivered_total}, {@code _parked_total},
 * {@code _retried_total} (counted by this instance), and the gauges {@code lineage_openlineage_events_pending},
 * {@code _parked} and {@code _oldest_pending_age_seconds} (the whole outbox, refreshed after each delivery look).
 */
@Component
public class OpenLineageMetrics {

    private final Clock clock;
    private final Counter delivered;
    private final Counter parkedNow;
    private final Counter retried;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicReference<OffsetDateTime> oldestPending = new AtomicReference<>();

    @Autowired
    public OpenLineageMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    OpenLineageMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.delivered = Counter.builder("lineage.openlineage.events.delivered")
                .description("OpenLineage events the consumer accepted")
                .register(registry);
        this.parkedNow = Counter.builder("lineage.openlineage.events.parked")
                .description("OpenLineage events the consumer refused (4xx), parked with the reason")
                .register(registry);
        this.retried = Counter.builder("lineage.openlineage.events.retried")
                .description("failed OpenLineage deliveries that will be tried again")
                .register(registry);
        Gauge.builder("lineage.openlineage.events.pending", pending, AtomicLong::get)
                .description("OpenLineage events in the outbox not yet delivered")
                .register(registry);
        Gauge.builder("lineage.openlineage.events.parked.current", parked, AtomicLong::get)
                .description("OpenLineage events parked in the outbox")
                .register(registry);
        Gauge.builder(
                        "lineage.openlineage.events.oldest_pending_age",
                        this,
                        OpenLineageMetrics::oldestPendingAgeSeconds)
                .baseUnit("seconds")
                .description("age of the oldest OpenLineage event not yet delivered (0 when none)")
                .register(registry);
    }

    public void recorded(Map<String, Object> outcome) {
        Object state = outcome.get("state");
        if (OpenLineageDelivery.DELIVERED.equals(state)) {
            delivered.increment();
        } else if (OpenLineageDelivery.PARKED.equals(state)) {
            parkedNow.increment();
        } else {
            retried.increment();
        }
    }

    /** A row of routes/sql/select-openlineage-outbox-counts.sql. */
    public void refresh(Map<String, Object> counts) {
        pending.set(((Number) counts.get("pending")).longValue());
        parked.set(((Number) counts.get("parked")).longValue());
        oldestPending.set(toTime(counts.get("oldest_pending_at")));
    }

    double oldestPendingAgeSeconds() {
        OffsetDateTime oldest = oldestPending.get();
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, OffsetDateTime.now(clock)).toMillis() / 1000.0);
    }

    static OffsetDateTime toTime(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a time: " + value.getClass().getName());
    }
}
