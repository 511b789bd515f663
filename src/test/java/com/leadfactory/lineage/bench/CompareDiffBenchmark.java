package com.leadfactory.lineage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.compare.JsonDiff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The input diff of GET /api/lineage/compare on two ~20 MB raw-input documents (the largest that fit the 2 MiB
 * gzip cap): inflate and parse both from gzip, diff (rows shuffled, 1 % of them changed, some added and
 * removed), and write the answer's changes as JSON. No HTTP, no database: the part of the request that grows
 * with the document. See bench/README.md.
 */
@Tag("bench")
class CompareDiffBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 40_000);
    static final int RUNS = Integer.getInteger("bench.runs", 7);

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void diffOfTwentyMegabyteDocuments() throws Exception {
        BenchReport report = new BenchReport("compare-diff");
        byte[] a = gzip(mapper.writeValueAsBytes(document(ROWS, false)));
        byte[] b = gzip(mapper.writeValueAsBytes(document(ROWS, true)));
        long rawA = inflate(a).length;
        long rawB = inflate(b).length;
        report.line(
                "documents: %.1f MB and %.1f MB raw, %.2f MB and %.2f MB gzip, %d assessment rows each",
                rawA / 1e6, rawB / 1e6, a.length / 1e6, b.length / 1e6, ROWS);
        long[] parse = new long[RUNS];
        long[] diff = new long[RUNS];
        long[] total = new long[RUNS];
        long changes = 0;
        for (int run = -2; run < RUNS; run++) { // two warm-up runs, not counted
            long t0 = System.nanoTime();
            JsonNode left = mapper.readTree(new GZIPInputStream(new ByteArrayInputStream(a), 64 * 1024));
            JsonNode right = mapper.readTree(new GZIPInputStream(new ByteArrayInputStream(b), 64 * 1024));
            long t1 = System.nanoTime();
            JsonDiff.Result result = JsonDiff.diff(left, right, 1000);
            long t2 = System.nanoTime();
            mapper.writeValueAsBytes(result.changes());
            long t3 = System.nanoTime();
            changes = result.total();
            if (run >= 0) {
                parse[run] = t1 - t0;
                diff[run] = t2 - t1;
                total[run] = t3 - t0;
            }
        }
        Runtime rt = Runtime.getRuntime();
        report.line("changes found: %d (1000 listed)", changes)
                .line("| step | p50 ms | max ms |")
                .line("|---|---|---|")
                .line("| inflate + parse both | %.0f | %.0f |", p(parse, 50), p(parse, 100))
                .line("| diff | %.0f | %.0f |", p(diff, 50), p(diff, 100))
                .line("| **total, with the answer's JSON** | **%.0f** | %.0f |", p(total, 50), p(total, 100))
                .line(
                        "heap after: %d MB used of %d MB max",
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20)
                .line(
                        "load average: %s",
                        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                                .trim())
                .write();
    }

    private static double p(long[] nanos, double percentile) {
        return BenchReport.percentile(nanos, percentile);
    }

    /** A raw-input document like the capture's: assessment and enrichment rows with ~450-byte payloads. */
    private ObjectNode document(int rows, boolean changed) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("schema_version", 1);
        doc.put("template_version_id", changed ? "tpl@3.2" : "tpl@3.1");
        List<ObjectNode> assessment = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (changed && i % 500 == 7) {
                continue; // removed in b
            }
            ObjectNode row = mapper.createObjectNode();
            row.put("id", "00000000-0000-4000-8000-" + String.format("%012d", i));
            row.put("kind", "score");
            row.put("created_at", "2026-11-26T10:00:00Z");
            ObjectNode payload = row.putObject("payload");
            payload.put("score", changed && i % 100 == 3 ? i + 1 : i);
            payload.put("band", "ABCDE".substring(i % 5, i % 5 + 1));
            ArrayNode signals = payload.putArray("signals");
            for (int s = 0; s < 6; s++) {
                signals.addObject().put("name", "signal-" + s).put("weight", (i * 31 + s * 7) % 100);
            }
            payload.put("text", "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(4));
            assessment.add(row);
        }
        if (changed) {
            for (int i = 0; i < rows / 1000; i++) {
                ObjectNode row = mapper.createObjectNode();
                row.put("id", "ffffffff-0000-4000-8000-" + String.format("%012d", i));
                row.putObject("payload").put("score", i);
                assessment.add(row);
            }
            Collections.shuffle(assessment, new Random(7));
        }
        doc.putArray("assessment_data").addAll(assessment);
        doc.putArray("enrichment_data");
        doc.putObject("inputs");
        doc.putObject("unknown_fields");
        return doc;
    }

    private static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] gzip) throws Exception {
        return new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
    }
}
