package com.leadfactory.lineage.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.config.AuditProperties;
import com.leadfactory.lineage.config.CompareProperties;
import com.leadfactory.lineage.problem.ProblemException;
import com.leadfactory.lineage.query.LineageSummaryMapper;
import com.leadfactory.lineage.query.RequestParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
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

    /**
     * The logs are trees of up to a completion's size on each side, and every viewer's compare reads them: with them
     * outside the slots, eight viewers comparing two 14 MB logs at once ran a 512 MB heap out (OutOfMemoryError in
     * request, Tomcat and Camel timer threads). A viewer's compare (logs only) waits for a slot like an input diff.
     */
    @Test
    void theLogsOfAViewersCompareTakeASlotToo() throws Exception {
        ReportComparison comparison = comparison(1, Duration.ofMillis(200));
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(CallerHeaders.ROLES, "viewer");
        exchange.setProperty("compare", Map.of("a", "x", "b", "y", "a_row", row(), "b_row", row()));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> diff = executor.submit(() -> comparison.limited(() -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "diff";
            }));
            inside.await();
            assertThatThrownBy(() -> comparison.respond(exchange)).isInstanceOf(CompareBusyException.class);
            release.countDown();
            assertThat(diff.get()).isEqualTo("diff");
            Comparison answer = comparison.respond(exchange);
            assertThat(answer.logs()).isNotNull();
            assertThat(answer.inputs()).isNull();
        } finally {
            executor.shutdownNow();
        }
    }

    /** A stored side as select-lineage-compare-side.sql reads it: its logs as their gzip. */
    private static Map<String, Object> row() throws Exception {
        Map<String, Object> row = new HashMap<>();
        row.put("id", UUID.randomUUID());
        row.put("report_generation_id", UUID.randomUUID());
        row.put("lead_id", UUID.randomUUID());
        row.put("pipeline_run_id", UUID.randomUUID());
        row.put("template_version_id", "tpl@v1");
        row.put("pipeline_start_time", OffsetDateTime.parse("2026-11-25T10:00:00Z"));
        row.put("pipeline_end_time", OffsetDateTime.parse("2026-11-25T10:01:00Z"));
        row.put("created_at", OffsetDateTime.parse("2026-11-25T10:02:00Z"));
        row.put("raw_inputs_sha256", "a".repeat(64));
        row.put("capture_source", "http");
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write("[{\"level\":\"INFO\",\"msg\":\"rendered\"}]".getBytes(StandardCharsets.UTF_8));
        }
        row.put("pipeline_logs_gzip", gzip.toByteArray());
        return row;
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
