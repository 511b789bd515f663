package com.leadfactory.lineage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.capture.CompletionMessage;
import com.leadfactory.lineage.capture.CompletionValidator;
import com.leadfactory.lineage.capture.RawInputsCapture;
import com.leadfactory.lineage.capture.RawInputsCompressor;
import com.leadfactory.lineage.capture.SourceRows;
import com.leadfactory.lineage.support.PostgresApiTestBase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What reading the source rows through a cursor costs a common capture (16 rows, ~190 KB), one thread, on
 * PostgreSQL: the raw-inputs step as the route runs it (cursor in a read-only REPEATABLE READ transaction, mask,
 * write, gzip), the same from rows already in memory, and the two selects as plain autocommit reads of whole
 * results (what camel-sql's SelectList did). The three take turns in rounds of 100. Run: see bench/README.md.
 */
@Tag("bench")
class RawInputsReadBenchmark extends PostgresApiTestBase {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 12);
    private static final int PER_ROUND = 100;

    @Autowired
    RawInputsCapture capture;

    @Autowired
    RawInputsCompressor compressor;

    @Autowired
    CompletionValidator validator;

    @Test
    void cursorReadBesideWholeResultReads() throws Exception {
        UUID lead = UUID.randomUUID();
        OffsetDateTime rowsAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        String payload = payload(15_000);
        for (int k = 0; k < 8; k++) {
            source().assessment(lead, "kind-" + k, payload, rowsAt);
            source().enrichment(lead, "source-" + k, payload, rowsAt);
        }
        Map<String, Object> message = source().report(lead, rowsAt.plusMinutes(1), rowsAt.plusMinutes(2));
        CompletionMessage completion = validator.validate(new ObjectMapper().writeValueAsBytes(message));
        Map<String, Object> properties = new HashMap<>();
        properties.put("lead_id", completion.getLeadId());
        properties.put("as_of", completion.getPipelineFinishedAt());
        String assessmentSql = "SELECT id, pipeline_run_id, kind, payload, created_at FROM assessment_results"
                + " WHERE lead_id = ? AND created_at <= ? ORDER BY created_at, id";
        String enrichmentSql = "SELECT id, source, payload, created_at FROM enrichment_results"
                + " WHERE lead_id = ? AND created_at <= ? ORDER BY created_at, id";
        Object[] parameters = {completion.getLeadId(), completion.getPipelineFinishedAt()};
        List<Map<String, Object>> assessment = jdbc().queryForList(assessmentSql, parameters);
        List<Map<String, Object>> enrichment = jdbc().queryForList(enrichmentSql, parameters);
        SourceRows inMemory =
                (section, row) -> (section == SourceRows.Section.ASSESSMENT ? assessment : enrichment).forEach(row);

        long cursorNanos = 0;
        long memoryNanos = 0;
        long selectNanos = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                capture.capture(completion, properties);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                compressor.compress(completion, inMemory);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                jdbc().queryForList(assessmentSql, parameters);
                jdbc().queryForList(enrichmentSql, parameters);
            }
            long t3 = System.nanoTime();
            if (round >= 2) { // the first two rounds warm up
                cursorNanos += t1 - t0;
                memoryNanos += t2 - t1;
                selectNanos += t3 - t2;
            }
        }
        double n = (ROUNDS - 2) * PER_ROUND * 1e6;
        new BenchReport("raw-inputs-read")
                .line("raw inputs of 16 source rows (~190 KB), one thread, %d captures each", (ROUNDS - 2) * PER_ROUND)
                .line("")
                .line("| what | ms each |")
                .line("|---|---:|")
                .line(
                        "| rows through the cursor, masked, written, gzipped (as the route does) | %.2f |",
                        cursorNanos / n)
                .line("| the same from rows already in memory | %.2f |", memoryNanos / n)
                .line("| so the cursor read costs | %.2f |", (cursorNanos - memoryNanos) / n)
                .line("| the two selects as plain autocommit reads of whole results | %.2f |", selectNanos / n)
                .line("")
                .line(
                        "load average: %s",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage())
                .write();
    }

    private static String payload(int bytes) {
        StringBuilder json = new StringBuilder("{\"items\": [");
        for (int i = 0; json.length() < bytes; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"rule\": \"render-blocking\", \"url\": \"https://example.com/assets/a")
                    .append(i)
                    .append(".js\", \"score\": ")
                    .append(i % 100)
                    .append('}');
        }
        return json.append("]}").toString();
    }
}
