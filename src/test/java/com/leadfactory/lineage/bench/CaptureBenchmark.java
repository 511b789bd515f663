package com.leadfactory.lineage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.capture.RawInputsCompressor;
import com.leadfactory.lineage.capture.SourceRows;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import com.leadfactory.lineage.support.LargeCapture;
import com.leadfactory.lineage.support.PostgresApiTestBase;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Capture throughput on PostgreSQL with ~200 KB of raw inputs per report, beside this machine's own limits
 * for the same rows: the same capture work in plain Java + JDBC (no Camel, no HTTP) at the same thread count,
 * plain JDBC inserts of the finished rows, and gzip level 6 over the same documents.
 * Run: see bench/README.md. Bounded: a fixed number of reports, loopback only.
 */
@Tag("bench")
class CaptureBenchmark extends PostgresApiTestBase {

    private static final int LEADS = 20;
    private static final int REPORTS = Integer.getInteger("bench.reports", 400);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    private static final int WARM_UP_BATCH = 50;
    /** One quiet turn can fall between two bursts of compilation; three in a row mean the code is compiled. */
    private static final int QUIET_TURNS = 3;

    private static final int WARM_UP_MAX_ROUNDS = Integer.getInteger("bench.warm-up-rounds", 200);

    @Autowired
    DataSource dataSource;

    @Autowired
    RawInputsCompressor compressor;

    @Autowired
    com.leadfactory.lineage.capture.PipelineLogs pipelineLogs;

    @Autowired
    com.leadfactory.lineage.capture.CompletionValidator validator;

    @Autowired
    org.apache.camel.ProducerTemplate producer;

    @Autowired
    com.leadfactory.lineage.capture.LineageRowFactory rowFactory;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SecureRandom random = new SecureRandom();

    @Test
    void captureThroughputBesideTheDatabaseAndGzipLimits() throws Exception {
        List<UUID> leads = new ArrayList<>();
        OffsetDateTime sourceTime = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        for (int i = 0; i < LEADS; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            for (int k = 0; k < 8; k++) {
                source().assessment(lead, "kind-" + k, payload(15_000), sourceTime);
                source().enrichment(lead, "source-" + k, payload(10_000), sourceTime);
            }
        }
        int warmUpLimit = WARM_UP_BATCH * WARM_UP_MAX_ROUNDS;
        List<String> bodies = completions(leads, REPORTS + warmUpLimit);
        List<String> baselineBodies = completions(leads, REPORTS + warmUpLimit);
        BenchReport report = new BenchReport("capture");
        report.line(
                "capture benchmark: %d reports, %d client threads, PostgreSQL %s, %d cores",
                REPORTS, THREADS, serverVersion(), Runtime.getRuntime().availableProcessors());

        int warmed = warmUp(bodies, baselineBodies, report);
        // the two sides take turns in ROUNDS slices, so a change in the machine's load hits both alike
        long httpNanos = 0;
        long baselineNanos = 0;
        CpuMeter httpCpu = new CpuMeter();
        CpuMeter baselineCpu = new CpuMeter();
        for (int round = 0; round < ROUNDS; round++) {
            int from = warmed + round * REPORTS / ROUNDS;
            int to = warmed + (round + 1) * REPORTS / ROUNDS;
            long t0 = System.nanoTime();
            httpCpu.measure(() -> post(bodies.subList(from, to)));
            long t1 = System.nanoTime();
            baselineCpu.measure(() -> plainJavaCaptures(baselineBodies.subList(from, to)));
            httpNanos += t1 - t0;
            baselineNanos += System.nanoTime() - t1;
        }
        double httpSeconds = httpNanos / 1e9;
        double httpRate = REPORTS / httpSeconds;
        double baselineRate = REPORTS / (baselineNanos / 1e9);

        List<Map<String, Object>> stored = jdbc().queryForList(
                        "SELECT raw_inputs_size_bytes, OCTET_LENGTH(raw_inputs_compressed) AS gz FROM report_lineage"
                                + " WHERE capture_source = 'http'");
        double avgRaw = stored.stream()
                .mapToLong(r -> ((Number) r.get("raw_inputs_size_bytes")).longValue())
                .average()
                .orElse(0);
        double avgGz = stored.stream()
                .mapToLong(r -> ((Number) r.get("gz")).longValue())
                .average()
                .orElse(0);

        ObjectNode document = sampleDocument(leads.get(0));
        byte[] gzip = gzipAndHash(document);
        int gzipRuns = 200;
        long gzStart = System.nanoTime();
        for (int i = 0; i < gzipRuns; i++) {
            gzipAndHash(document);
        }
        double gzipSeconds = (System.nanoTime() - gzStart) / 1e9;
        long docBytes = mapper.writeValueAsBytes(document).length;

        double jdbcRate = plainJdbcInserts(gzip, REPORTS);

        // where the time goes, one thread: masking, JSON and gzip from fetched rows, without SQL, HTTP and insert
        var completion = validator.validate(bodies.get(0));
        List<Map<String, Object>> assessmentRows = jdbc().queryForList(
                        "SELECT id, pipeline_run_id, kind, payload, created_at FROM assessment_results WHERE lead_id = ?",
                        completion.getLeadId());
        List<Map<String, Object>> enrichmentRows = jdbc().queryForList(
                        "SELECT id, source, payload, created_at FROM enrichment_results WHERE lead_id = ?",
                        completion.getLeadId());
        int assembleRuns = 100;
        long assembleStart = System.nanoTime();
        SourceRows fetched = fetched(assessmentRows, enrichmentRows);
        for (int i = 0; i < assembleRuns; i++) {
            compressor.compress(completion, fetched);
        }
        double assembleRate = assembleRuns / ((System.nanoTime() - assembleStart) / 1e9);
        List<String> direct = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Map<String, Object> message = source().report(
                            completion.getLeadId(),
                            completion.getPipelineStartedAt(),
                            completion.getPipelineFinishedAt());
            direct.add(mapper.writeValueAsString(message));
        }
        long directStart = System.nanoTime();
        CpuMeter directCpu = new CpuMeter();
        directCpu.measure(() -> onEveryThread(next -> {
            for (int i = next.getAndIncrement(); i < direct.size(); i = next.getAndIncrement()) {
                producer.sendBodyAndHeader("direct:capture-lineage", direct.get(i), "LineageCaptureSource", "bench");
            }
        }));
        double directRate = direct.size() / ((System.nanoTime() - directStart) / 1e9);

        report.line("")
                .line("| what | result |")
                .line("|---|---|")
                .line(
                        "| raw inputs per report (uncompressed / gzip) | %.0f KB / %.0f KB |",
                        avgRaw / 1024, avgGz / 1024)
                .line(
                        "| **capture over HTTP, committed** | **%.1f completions/s** (%d in %.1f s) |",
                        httpRate, REPORTS, httpSeconds)
                .line(
                        "| the same capture in plain Java + JDBC, one transaction each (%d threads) | %.1f completions/s |",
                        THREADS, baselineRate)
                .line("| plain JDBC insert of the same rows (%d threads) | %.1f rows/s |", THREADS, jdbcRate)
                .line(
                        "| gzip level 6 + SHA-256 of the same document, one thread | %.1f docs/s (%.1f MB/s) |",
                        gzipRuns / gzipSeconds, gzipRuns * docBytes / gzipSeconds / 1e6)
                .line(
                        "| capture through direct:capture-lineage, %d threads, no HTTP | %.1f completions/s |",
                        THREADS, directRate)
                .line(
                        "| mask + write + gzip the raw inputs (from fetched rows), one thread | %.1f docs/s |",
                        assembleRate)
                .line("| **capture ÷ plain-Java capture** | **%.2f** |", httpRate / baselineRate)
                .line("| capture ÷ plain insert | %.3f |", httpRate / jdbcRate)
                .line("| capture ÷ gzip alone | %.3f |", httpRate / (gzipRuns / gzipSeconds))
                .line("")
                .line(
                        "CPU a capture, this JVM (service and client) and the whole machine (PostgreSQL, kernel included):")
                .line("")
                .line("| side | JVM CPU ms | machine CPU ms | machine busy |")
                .line("|---|---:|---:|---:|")
                .line(
                        "| over HTTP | %.2f | %.2f | %.0f %% |",
                        httpCpu.jvmMillisEach(REPORTS),
                        httpCpu.machineMillisEach(REPORTS),
                        100 * httpCpu.machineMillisEach(REPORTS) * httpRate / 1000 / cores())
                .line(
                        "| plain Java | %.2f | %.2f | %.0f %% |",
                        baselineCpu.jvmMillisEach(REPORTS),
                        baselineCpu.machineMillisEach(REPORTS),
                        100 * baselineCpu.machineMillisEach(REPORTS) * baselineRate / 1000 / cores())
                .line(
                        "| direct:capture-lineage | %.2f | %.2f | %.0f %% |",
                        directCpu.jvmMillisEach(direct.size()),
                        directCpu.machineMillisEach(direct.size()),
                        100 * directCpu.machineMillisEach(direct.size()) * directRate / 1000 / cores())
                .line("")
                .line(
                        "load average while measuring: %s",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
        report.write();
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The JDK's HTTP client, not RestAssured: the client shares the JVM and the 2 cores with the service, and
     * RestAssured's per-request cost was about that of a whole plain-Java capture (JFR, bench/README.md).
     */
    private void post(List<String> bodies) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port() + "/api/lineage/completions");
        onEveryThread(next -> {
            for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("X-API-Key", INGEST_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status != 201) {
                    throw new IllegalStateException("capture answered " + status);
                }
            }
        });
    }

    /**
     * Both sides in turns of {@link #WARM_UP_BATCH} captures until the JIT compilers used under 10 % of a turn's
     * time: the HTTP side runs far more code (Tomcat, Spring, Camel) than the plain-Java one, and measured while
     * that code is still being compiled it pays for the compiler's CPU on the same 2 cores (bench/README.md,
     * "Measured warm"). Returns how many bodies of each list the warm-up used.
     */
    private int warmUp(List<String> bodies, List<String> baselineBodies, BenchReport report) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int used = 0;
        long compileMillis = 0;
        long turnMillis = 0;
        int quietTurns = 0;
        for (int round = 0; round < WARM_UP_MAX_ROUNDS; round++) {
            long compiledBefore = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            post(bodies.subList(used, used + WARM_UP_BATCH));
            plainJavaCaptures(baselineBodies.subList(used, used + WARM_UP_BATCH));
            used += WARM_UP_BATCH;
            compileMillis = jit.getTotalCompilationTime() - compiledBefore;
            turnMillis = (System.nanoTime() - start) / 1_000_000;
            quietTurns = compileMillis < turnMillis / 10 ? quietTurns + 1 : 0;
            if (quietTurns == QUIET_TURNS) {
                break;
            }
        }
        report.line(
                "warm-up: %d captures a side; JIT compilation in the last turn: %d ms of %d ms",
                used, compileMillis, turnMillis);
        return used;
    }

    private List<String> completions(List<UUID> leads, int count) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
            Map<String, Object> message = source().report(leads.get(i % LEADS), finished.minusSeconds(40), finished);
            message.put("pipeline_logs", List.of(Map.of("level", "INFO", "msg", "step " + i)));
            bodies.add(mapper.writeValueAsString(message));
        }
        return bodies;
    }

    /**
     * The capture's own work without Camel or HTTP, at the same thread count: parse and validate the message,
     * read the 16 source rows, assemble and mask, gzip level 6 and hash, insert; one transaction a report, plain
     * JDBC. The same Java components as the route, so the difference is what the route and HTTP add.
     */
    private void plainJavaCaptures(List<String> bodies) throws Exception {
        String assessmentSql = "SELECT id, pipeline_run_id, kind, payload, created_at FROM assessment_results"
                + " WHERE lead_id = ? AND created_at <= ? ORDER BY created_at, id";
        String enrichmentSql = "SELECT id, source, payload, created_at FROM enrichment_results"
                + " WHERE lead_id = ? AND created_at <= ? ORDER BY created_at, id";
        String insertSql = "INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id,"
                + " template_version_id, pipeline_start_time, pipeline_end_time, pipeline_logs, pipeline_logs_gzip,"
                + " raw_inputs_compressed, raw_inputs_size_bytes, compression_ratio, raw_inputs_sha256, pdf_sha256,"
                + " truncated, capture_source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String[] columns = {
            "id",
            "report_generation_id",
            "lead_id",
            "pipeline_run_id",
            "template_version_id",
            "pipeline_start_time",
            "pipeline_end_time",
            "pipeline_logs",
            "pipeline_logs_gzip",
            "raw_inputs_compressed",
            "raw_inputs_size_bytes",
            "compression_ratio",
            "raw_inputs_sha256",
            "pdf_sha256",
            "truncated",
            "capture_source",
            "created_at"
        };
        onEveryThread(next -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    var completion = validator.validate(bodies.get(i).getBytes(StandardCharsets.UTF_8));
                    var assessment = rows(connection, assessmentSql, completion);
                    var enrichment = rows(connection, enrichmentSql, completion);
                    var rawInputs = compressor.compress(completion, fetched(assessment, enrichment));
                    String logs = pipelineLogs.redacted(completion);
                    Map<String, Object> row = rowFactory.newRow(completion, rawInputs, logs, "bench-java");
                    try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                        for (int c = 0; c < columns.length; c++) {
                            insert.setObject(c + 1, row.get(columns[c]));
                        }
                        insert.executeUpdate();
                    }
                    connection.commit();
                }
            }
        });
    }

    /** Runs {@code worker} on {@code bench.threads} threads at once; each takes its next item from {@code next}. */
    private static void onEveryThread(Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    worker.run(next);
                    return null;
                }));
            }
            for (Future<?> each : workers) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private interface Worker {
        void run(AtomicInteger next) throws Exception;
    }

    private static SourceRows fetched(List<Map<String, Object>> assessment, List<Map<String, Object>> enrichment) {
        return (section, each) -> (section == SourceRows.Section.ASSESSMENT ? assessment : enrichment).forEach(each);
    }

    /** JSON of the document through SHA-256 into gzip level 6, in memory: the capture's own floor. */
    private byte[] gzipAndHash(ObjectNode document) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64 * 1024);
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        try (var gzip = new java.util.zip.GZIPOutputStream(bytes) {
                    {
                        def.setLevel(6);
                    }
                };
                var out = new java.security.DigestOutputStream(gzip, sha256)) {
            mapper.writeValue(out, document);
        }
        sha256.digest();
        return bytes.toByteArray();
    }

    private static List<Map<String, Object>> rows(
            Connection connection, String sql, com.leadfactory.lineage.capture.CompletionMessage completion)
            throws java.sql.SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, completion.getLeadId());
            select.setObject(2, completion.getPipelineFinishedAt());
            try (var result = select.executeQuery()) {
                var meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The database's own limit: the finished rows (same gzip, same logs) inserted with plain JDBC. */
    private double plainJdbcInserts(byte[] gzip, int rows) throws Exception {
        List<UUID> reports = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            reports.add(UUID.fromString((String) source().report().get("report_generation_id")));
        }
        String sql = "INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id,"
                + " template_version_id, pipeline_start_time, pipeline_end_time, pipeline_logs,"
                + " raw_inputs_compressed, raw_inputs_size_bytes, compression_ratio, raw_inputs_sha256, truncated,"
                + " capture_source) VALUES (?, ?, ?, ?, 'tpl', ?, ?, ?, ?, 200000, 4.2, ?, false, 'bench')";
        long start = System.nanoTime();
        onEveryThread(next -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = next.getAndIncrement(); i < rows; i = next.getAndIncrement()) {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    insert.setObject(1, TimeOrderedUuid.next());
                    insert.setObject(2, reports.get(i));
                    insert.setObject(3, UUID.randomUUID());
                    insert.setObject(4, UUID.randomUUID());
                    insert.setObject(5, now.minusSeconds(40));
                    insert.setObject(6, now);
                    PGobject logs = new PGobject();
                    logs.setType("jsonb");
                    logs.setValue("[{\"level\":\"INFO\",\"msg\":\"step " + i + "\"}]");
                    insert.setObject(7, logs);
                    insert.setBytes(8, gzip);
                    insert.setString(9, "0".repeat(64));
                    insert.executeUpdate();
                }
            }
        });
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private ObjectNode sampleDocument(UUID lead) throws Exception {
        ObjectNode document = mapper.createObjectNode();
        document.put("schema_version", 1);
        var assessment = document.putArray("assessment_data");
        var enrichment = document.putArray("enrichment_data");
        for (Map<String, Object> row :
                jdbc().queryForList("SELECT id, payload FROM assessment_results WHERE lead_id = ?", lead)) {
            assessment
                    .addObject()
                    .put("id", row.get("id").toString())
                    .set("payload", mapper.readTree(JsonColumns.text(row.get("payload"))));
        }
        for (Map<String, Object> row :
                jdbc().queryForList("SELECT id, payload FROM enrichment_results WHERE lead_id = ?", lead)) {
            enrichment
                    .addObject()
                    .put("id", row.get("id").toString())
                    .set("payload", mapper.readTree(JsonColumns.text(row.get("payload"))));
        }
        document.putObject("inputs");
        return document;
    }

    /** Scraped-page-like JSON, as the 50 MB capture's rows are made. */
    private String payload(int bytes) {
        return LargeCapture.scrapedPage(random, bytes);
    }

    private String serverVersion() {
        return jdbc().queryForObject("SHOW server_version", String.class);
    }
}
