package com.leadfactory.lineage.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.config.CompareProperties;
import com.leadfactory.lineage.problem.ProblemException;
import com.leadfactory.lineage.query.LineageSummaryMapper;
import com.leadfactory.lineage.query.RequestParameters;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReportComparisonTest {

    private ReportComparison comparison(int slots, Duration wait) {
        CompareProperties properties = new CompareProperties();
        properties.setMaxConcurrentDiffs(slots);
        properties.setDiffWait(wait);
        return new ReportComparison(
                new RequestParameters(),
                new LineageSummaryMapper(),
                properties,
                new AuditProperties(),
                new ObjectMapper());
    }

    @Test
    void aDiffBeyondTheConcurrentSlotsIsA503AfterTheWait() throws Exception {
        ReportComparison comparison = comparison(1, Duration.ofMillis(200));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = executor.submit(() -> comparison.limited(() -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }));
            inside.await();
            assertThatThrownBy(() -> comparison.limited(() -> "second"))
                    .isInstanceOf(CompareBusyException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status())
                            .isEqualTo(503))
                    .hasMessageContaining("lineage.compare.max-concurrent-diffs");
            release.countDown();
            assertThat(first.get()).isEqualTo("first");
            assertThat(comparison.limited(() -> "third")).isEqualTo("third");
        } finally {
            executor.shutdownNow();
        }
    }
}
