package com.leadfactory.lineage.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.config.CompareProperties;
import com.leadfactory.lineage.problem.ProblemException;
import com.leadfactory.lineage.query.LineageSummaryMapper;
import com.leadfactory.lineage.query.RequestParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
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
    void storedDecimalsAreComparedAndShownAsWritten() throws Exception {
        ReportComparison comparison = comparison(1, Duration.ofMillis(200));
        JsonNode a = comparison.document("a", gzip("{\"score\":1.50,\"rate\":0.10000000000000000000001}"));
        JsonNode b = comparison.document("b", gzip("{\"score\":1.70,\"rate\":0.10000000000000000000002}"));

        JsonDiff.Result diff = JsonDiff.diff(a, b, 10);

        assertThat(diff.changes())
                .extracting(change -> new ObjectMapper().writeValueAsString(change))
                .anySatisfy(json -> assertThat(json).contains("1.50").contains("1.70"))
                .anySatisfy(json -> assertThat(json).contains("0.10000000000000000000001"));
        assertThat(JsonDiff.diff(
                                a,
                                comparison.document("c", gzip("{\"score\":1.5,\"rate\":0.10000000000000000000001}")),
                                10)
                        .changes())
                .as("the same number written with another scale is no change")
                .isEmpty();
    }

    private static byte[] gzip(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
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
