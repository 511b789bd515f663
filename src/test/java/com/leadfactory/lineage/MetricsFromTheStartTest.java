package com.leadfactory.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.capture.CaptureMetrics;
import com.leadfactory.lineage.config.IngestProperties;
import com.leadfactory.lineage.ingest.DeadLetterAnnotator;
import com.leadfactory.lineage.security.AuthFailureProperties;
import com.leadfactory.lineage.security.AuthFailures;
import com.leadfactory.lineage.security.ClientAddressResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The counters README's "Observability" names exist at 0 from the start, before their first event: a series that
 * appears with its first event at 1 has no increase, so an alert on increase(lineage_failed_total[5m]) would miss
 * the first failure, and a dashboard would show no data instead of 0.
 */
class MetricsFromTheStartTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void captureCountersExistAtZero() {
        new CaptureMetrics(registry);

        for (String source : List.of("http", "rabbitmq", "reconciler", "openlineage")) {
            assertZero("lineage.captured", "source", source);
            assertZero("lineage.duplicate", "source", source);
        }
        for (String reason : List.of("invalid", "conflict", "mismatch", "refused", "payload-too-large", "busy")) {
            assertZero("lineage.rejected", "reason", reason);
        }
        assertZero("lineage.failed", "source", "http");
        assertThat(registry.find("lineage.truncated").counter()).isNotNull();
    }

    @Test
    void authFailureCountersExistAtZero() {
        new AuthFailures(
                new AuthFailureProperties(),
                new ClientAddressResolver(List.of()),
                AuthFailures.Listener.NONE,
                registry,
                Clock.systemUTC());

        assertZero("lineage.auth.failures", "method", "api_key");
        assertZero("lineage.auth.failures", "method", "password");
        assertZero("lineage.auth.throttled", "method", "api_key");
        assertZero("lineage.auth.throttled", "method", "password");
    }

    @Test
    void deadLetterCountersExistAtZeroWhileQueueIngestIsOn() {
        IngestProperties on = new IngestProperties();
        on.setEnabled(true);
        new DeadLetterAnnotator(on, registry);

        for (String reason : List.of(
                "invalid-completion",
                "conflicting-completion",
                "report-generation-mismatch",
                "unknown-report-generation",
                "database-unavailable",
                "internal-error")) {
            assertZero("lineage.dead_lettered", "reason", reason);
        }

        SimpleMeterRegistry off = new SimpleMeterRegistry();
        new DeadLetterAnnotator(new IngestProperties(), off);
        assertThat(off.find("lineage.dead_lettered").counters()).isEmpty();
    }

    private void assertZero(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        assertThat(counter).as(name + "{" + tag + "=" + value + "}").isNotNull();
        assertThat(counter.count()).isZero();
    }
}
