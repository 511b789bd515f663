package com.leadfactory.lineage.bench;

import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.GeneratedLineage;
import com.leadfactory.lineage.support.TestDatabases;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Read latency at 1,000,000 lineage rows on PostgreSQL, each request including its audit write: lookup by
 * report id, a search paged deep into a lead with 10,000 reports, and the logs endpoint for a 5 MB log.
 * The rows are generated in SQL once into the database lineage_read_bench (kept between runs; drop it to
 * regenerate). One client thread over loopback; see bench/README.md.
 */
@Tag("bench")
class ReadBenchmark extends ApiTestBase {

    static final String DATABASE = "lineage_read_bench";
    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final UUID HOT_LEAD = GeneratedLineage.HOT_LEAD;

    @DynamicPropertySource
    static void benchDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.keptPostgres(DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Test
    void lookupSearchAndLogsLatencyAtAMillionRows() throws Exception {
        BenchReport report = new BenchReport("read");
        long existing = jdbc().queryForObject("SELECT COUNT(*) FROM report_lineage", Long.class);
        if (existing < ROWS) {
            long start = System.nanoTime();
            generate();
            report.line("generated %d rows in SQL in %.0f s", ROWS, (System.nanoTime() - start) / 1e9);
        }
        report.line(
                "read benchmark: %d lineage rows, %d audit rows before the run, PostgreSQL %s",
                jdbc().queryForObject("SELECT COUNT(*) FROM report_lineage", Long.class),
                jdbc().queryForObject("SELECT COUNT(*) FROM report_lineage_audit", Long.class),
                jdbc().queryForObject("SHOW server_version", String.class));

        List<String> reportIds = jdbc().queryForList(
                        "SELECT report_generation_id::text FROM report_lineage TABLESAMPLE SYSTEM (1) LIMIT 2000",
                        String.class);
        time(200, i -> get("/api/lineage/" + reportIds.get(i), VIEWER_KEY)); // warm-up, not counted
        long[] lookups = time(reportIds.size(), i -> get("/api/lineage/" + reportIds.get(i), VIEWER_KEY));

        List<Long> pages = new ArrayList<>();
        String cursor = null;
        int served = 0;
        do {
            var request = RestAssured.given()
                    .port(port())
                    .header("X-API-Key", VIEWER_KEY)
                    .queryParam("lead_id", HOT_LEAD)
                    .queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            long t0 = System.nanoTime();
            Response page = request.get("/api/lineage/search");
            pages.add(System.nanoTime() - t0);
            if (page.statusCode() != 200) {
                throw new IllegalStateException("search answered " + page.statusCode());
            }
            served += page.jsonPath().getList("items").size();
            cursor = page.jsonPath().getString("next_cursor");
        } while (cursor != null);
        long[] pageNanos = pages.stream().mapToLong(Long::longValue).toArray();
        long[] deepest = pages.subList(pages.size() - 20, pages.size()).stream()
                .mapToLong(Long::longValue)
                .toArray();

        String logsLineage = bigLogRow();
        long logBytes = jdbc().queryForObject(
                        "SELECT octet_length(pipeline_logs::text) FROM report_lineage WHERE id = ?::uuid",
                        Long.class,
                        logsLineage);
        long[] logs = time(30, i -> get("/api/lineage/" + logsLineage + "/logs", VIEWER_KEY));

        report.line("")
                .line("| request (each writes its audit row in the same transaction) | n | p50 ms | p99 ms |")
                .line("|---|---|---|---|")
                .line(
                        "| `GET /api/lineage/{report_id}` (random ids) | %d | %.1f | %.1f |",
                        lookups.length, BenchReport.percentile(lookups, 50), BenchReport.percentile(lookups, 99))
                .line(
                        "| `GET /api/lineage/search?lead_id=…&limit=50`, every page of a lead with %d reports | %d | %.1f | %.1f |",
                        served,
                        pageNanos.length,
                        BenchReport.percentile(pageNanos, 50),
                        BenchReport.percentile(pageNanos, 99))
                .line(
                        "| the same, the 20 deepest pages only | %d | %.1f | %.1f |",
                        deepest.length, BenchReport.percentile(deepest, 50), BenchReport.percentile(deepest, 99))
                .line(
                        "| `GET /api/lineage/{id}/logs`, %.1f MB / 20,000 entries (gzip on the wire) | %d | %.1f | %.1f |",
                        logBytes / 1e6,
                        logs.length,
                        BenchReport.percentile(logs, 50),
                        BenchReport.percentile(logs, 99));
        report.write();
    }

    private void generate() {
        jdbc().execute((ConnectionCallback<Void>) connection -> {
            GeneratedLineage.insert(connection, ROWS);
            return null;
        });
    }

    private String bigLogRow() {
        String existing = jdbc()
                .queryForList(
                        "SELECT id::text FROM report_lineage WHERE capture_source = 'bench-logs' LIMIT 1", String.class)
                .stream()
                .findFirst()
                .orElse(null);
        if (existing != null) {
            return existing;
        }
        UUID report = UUID.randomUUID();
        jdbc().update(
                        "INSERT INTO d6_report_generations (id, lead_id, status) VALUES (?, ?, 'completed')",
                        report,
                        HOT_LEAD);
        String id = UUID.randomUUID().toString();
        jdbc().update("""
                INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
                    pipeline_start_time, pipeline_end_time, pipeline_logs, capture_source, created_at)
                SELECT ?::uuid, ?, ?, ?, 'tpl@logs', now(), now(),
                       jsonb_agg(jsonb_build_object('ts', now() + make_interval(secs => i), 'level',
                           (ARRAY['DEBUG','INFO','INFO','WARN','ERROR'])[1 + i % 5], 'stage', 'render',
                           'msg', 'step ' || i || ' ' || repeat('lorem ipsum dolor sit amet ', 6),
                           'attempt', i % 3, 'duration_ms', i % 900)),
                       'bench-logs', now() - interval '100 days'
                FROM generate_series(1, 20000) AS i
                """, id, report, HOT_LEAD, UUID.randomUUID());
        return id;
    }

    private void get(String path, String key) {
        int status = RestAssured.given()
                .port(port())
                .header("X-API-Key", key)
                .get(path)
                .then()
                .extract()
                .statusCode();
        if (status != 200) {
            throw new IllegalStateException(path + " answered " + status);
        }
    }

    private interface Call {
        void run(int i) throws Exception;
    }

    private static long[] time(int n, Call call) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }
}
