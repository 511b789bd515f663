package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.config.IngestProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final RetrySchedule defaults = RetrySchedule.of(new IngestProperties());

    @Test
    void byDefaultAnUnknownReportIsRetriedForAtLeastTenMinutesThroughEveryDelay() {
        List<Duration> waits = new ArrayList<>();
        Instant now = T0;
        int attempts = 1;
        Optional<Duration> next;
        while ((next = defaults.nextDelay(attempts, T0, now)).isPresent()) {
            waits.add(next.get());
            now = now.plus(next.get());
            attempts++;
        }
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5));
        assertThat(Duration.between(T0, now)).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(attempts).as("the attempt that is dead-lettered").isEqualTo(7);
    }

    @Test
    void timeSpentPausedDoesNotSkipTheDelaysNotYetTried() {
        // first seen an hour ago (e.g. the consumers were paused meanwhile), only one attempt so far
        assertThat(defaults.nextDelay(2, T0, T0.plus(Duration.ofHours(1)))).contains(Duration.ofSeconds(5));
        assertThat(defaults.nextDelay(5, T0, T0.plus(Duration.ofHours(1)))).contains(Duration.ofMinutes(5));
        assertThat(defaults.nextDelay(6, T0, T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void delayQueuesAreNamedAfterTheQueueAndTheirDelayOncePerDistinctDelay() {
        RetrySchedule schedule = new RetrySchedule(
                "q",
                List.of(Duration.ofMillis(1500), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(2)),
                Duration.ofMinutes(1));

        assertThat(schedule.delayQueues())
                .containsExactly(
                        new RetrySchedule.DelayQueue("q.retry.1500ms", Duration.ofMillis(1500)),
                        new RetrySchedule.DelayQueue("q.retry.30s", Duration.ofSeconds(30)),
                        new RetrySchedule.DelayQueue("q.retry.2h", Duration.ofHours(2)));
        assertThat(RetrySchedule.compact(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(RetrySchedule.compact(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(defaults.delayQueue(Duration.ofMinutes(5))).isEqualTo("lineage.report-completed.retry.5m");
    }

    @Test
    void refusesSchedulesThatCannotBeDeclared() {
        assertThatThrownBy(() -> new RetrySchedule("q", List.of(), Duration.ofMinutes(1)))
                .hasMessageContaining("retry-delays");
        assertThatThrownBy(() -> new RetrySchedule("q", List.of(Duration.ZERO), Duration.ofMinutes(1)))
                .hasMessageContaining("retry-delays");
        assertThatThrownBy(() -> new RetrySchedule("q", List.of(Duration.ofDays(30)), Duration.ofMinutes(1)))
                .hasMessageContaining("24 days");
        assertThatThrownBy(() -> new RetrySchedule("q", List.of(Duration.ofSeconds(1)), Duration.ofSeconds(-1)))
                .hasMessageContaining("retry-budget");
    }
}
