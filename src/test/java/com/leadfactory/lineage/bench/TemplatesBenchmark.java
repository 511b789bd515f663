package com.leadfactory.lineage.bench;

import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.TestDatabases;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GET /api/templates at 1,000,000 lineage rows on PostgreSQL (500 template versions), each request including
 * its audit write, beside the GROUP BY over report_lineage the summary table replaces, and what the summary
 * trigger adds to one insert. The rows are generated in SQL once into the database lineage_templates_bench (kept
 * between runs; drop it to regenerate). See bench/README.md.
 */
@Tag("bench")
class TemplatesBenchmark extends ApiTestBase {

    static final String DATABASE = "lineage_templates_bench";
    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final int REQUESTS = Integer.getInteger("bench.requests", 500);

    @DynamicPropertySource
    static void benchDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.keptPostgres(DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Test
    void templatesAtAMillionRows() throws Exception {
        BenchReport report = new BenchReport("templates");
        long existing = jdbc().queryForObject("SELECT COUNT(*) FROM report_lineage", Long.class);
        if (existing == 0) {
            long start = System.nanoTime();
            generate();
            report.line(
                    "generated %d rows in SQL (bulk, then the summary as V11 fills it) in %.0f s",
                    ROWS, (System.nanoTime() - start) / 1e9);
        }
        report.line(
                "%d lineage rows, %d template versions, PostgreSQL %s",
                jdbc().queryForObject("SELECT COUNT(*) FROM report_lineage", Long.class),
                jdbc().queryForObject("SELECT COUNT(*) FROM report_template_summary", Long.class),
                jdbc().queryForObject("SHOW server_version", String.class));
        Long disagreeing = jdbc().queryForObject("""
                SELECT COUNT(*) FROM (SELECT template_version_id, COUNT(*) AS n, MIN(created_at) AS f,
                                             MAX(created_at) AS l FROM report_lineage GROUP BY template_version_id) t
                FULL JOIN report_template_summary s USING (template_version_id)
                WHERE s.report_count IS DISTINCT FROM t.n OR s.first_captured_at IS DISTINCT FROM t.f
                   OR s.last_captured_at IS DISTINCT FROM t.l
                """, Long.class);
        report.line("template versions where the summary and a GROUP BY disagree: %d", disagreeing);

        double[] cost = triggerCost(Integer.getInteger("bench.trigger-inserts", 2000));
        report.line(
                "one-row INSERT into report_lineage: %.2f ms with the summary trigger, %.2f ms without",
                cost[0], cost[1]);
        for (int i = 0; i < 50; i++) {
            get(); // warm-up
        }
        // a lookup by report id, interleaved, as the yardstick for what the machine's load does to any request
        List<String> reportIds = jdbc().queryForList(
                        "SELECT report_generation_id::text FROM report_lineage TABLESAMPLE SYSTEM (1) LIMIT ?",
                        String.class,
                        REQUESTS);
        long[] served = new long[REQUESTS];
        long[] lookups = new long[reportIds.size()];
        long[] sql = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long t0 = System.nanoTime();
            get();
            served[i] = System.nanoTime() - t0;
            if (i < lookups.length) {
                long t1 = System.nanoTime();
                RestAssured.given()
                        .port(port())
                        .header("X-API-Key", VIEWER_KEY)
                        .get("/api/lineage/" + reportIds.get(i))
                        .then()
                        .statusCode(200);
                lookups[i] = System.nanoTime() - t1;
            }
            long t2 = System.nanoTime();
            jdbc().queryForList("SELECT template_version_id, report_count, first_captured_at, last_captured_at"
                    + " FROM report_template_summary ORDER BY last_captured_at DESC, template_version_id");
            sql[i] = System.nanoTime() - t2;
        }
        long[] scan = new long[5];
        for (int i = 0; i < scan.length; i++) {
            long t0 = System.nanoTime();
            jdbc().queryForList("SELECT template_version_id, COUNT(*), MIN(created_at), MAX(created_at)"
                    + " FROM report_lineage GROUP BY template_version_id ORDER BY MAX(created_at) DESC");
            scan[i] = System.nanoTime() - t0;
        }
        report.line("| what | p50 ms | p95 ms | p99 ms | max ms |")
                .line("|---|---|---|---|---|")
                .line(
                        "| **GET /api/templates** (HTTP, audit row included, %d requests) | **%.1f** | %.1f | %.1f |"
                                + " %.1f |",
                        REQUESTS,
                        BenchReport.percentile(served, 50),
                        BenchReport.percentile(served, 95),
                        BenchReport.percentile(served, 99),
                        BenchReport.percentile(served, 100))
                .line(
                        "| its query alone (JDBC) | %.2f | %.2f | %.2f | %.2f |",
                        BenchReport.percentile(sql, 50),
                        BenchReport.percentile(sql, 95),
                        BenchReport.percentile(sql, 99),
                        BenchReport.percentile(sql, 100))
                .line(
                        "| yardstick: GET /api/lineage/{report_id}, interleaved | %.1f | %.1f | %.1f | %.1f |",
                        BenchReport.percentile(lookups, 50),
                        BenchReport.percentile(lookups, 95),
                        BenchReport.percentile(lookups, 99),
                        BenchReport.percentile(lookups, 100))
                .line(
                        "| the GROUP BY it replaces (JDBC, no HTTP, 5 runs) | %.0f | | | %.0f |",
                        BenchReport.percentile(scan, 50), BenchReport.percentile(scan, 100))
                .line(
                        "load average: %s",
                        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                                .trim())
                .write();
    }

    private void get() {
        int status = RestAssured.given()
                .port(port())
                .header("X-API-Key", VIEWER_KEY)
                .get("/api/templates")
                .statusCode();
        if (status != 200) {
            throw new IllegalStateException("GET /api/templates answered " + status);
        }
    }

    /**
     * 1M rows in bulk with the summary trigger off, then the summary filled as V11 fills it (a trigger row by row
     * took longer than 15 minutes for 1M rows in one statement on the loaded 2-core machine); the trigger's cost
     * per capture is measured separately on 20,000 single-row inserts with and without it.
     */
    private void generate() {
        jdbc().execute("SET synchronous_commit = off");
        jdbc().update("""
                INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status,
                                                   created_at, updated_at)
                SELECT md5('r' || i)::uuid, md5('l' || (i % 99991))::uuid, md5('p' || i)::uuid,
                       'tpl@v' || (i % 500), 'completed',
                       now() - make_interval(secs => i), now() - make_interval(secs => i)
                FROM generate_series(1, ?) AS i
                """, ROWS);
        jdbc().execute("ALTER TABLE report_lineage DISABLE TRIGGER report_lineage_template_summary_added");
        try {
            jdbc().update(INSERT_LINEAGE + " WHERE g.created_at < now() - interval '1 hour'");
        } finally {
            jdbc().execute("ALTER TABLE report_lineage ENABLE TRIGGER report_lineage_template_summary_added");
        }
        jdbc().update("DELETE FROM report_template_summary");
        jdbc().update("""
                INSERT INTO report_template_summary (template_version_id, report_count, first_captured_at,
                                                     last_captured_at)
                SELECT template_version_id, COUNT(*), MIN(created_at), MAX(created_at)
                FROM report_lineage GROUP BY template_version_id
                """);
        jdbc().execute("ANALYZE report_lineage");
        jdbc().execute("ANALYZE report_template_summary");
    }

    static final String INSERT_LINEAGE = """
            INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
                pipeline_start_time, pipeline_end_time, raw_inputs_compressed, raw_inputs_size_bytes,
                compression_ratio, raw_inputs_sha256, truncated, capture_source, created_at)
            SELECT md5('x' || g.id::text)::uuid, g.id, g.lead_id, g.pipeline_run_id, g.template_version_id,
                   g.created_at - interval '40 seconds', g.created_at, decode('1f8b', 'hex'), 1000, 5.75,
                   md5(g.id::text) || md5(g.lead_id::text), false, 'bench', g.created_at
            FROM d6_report_generations g
            """;

    /**
     * What the trigger adds to a capture: the newest rows (the last hour, left out of the bulk insert) inserted
     * one statement each, alternately with the trigger on and off; returns [with, without] in ms per insert.
     */
    private double[] triggerCost(int inserts) {
        List<String> ids = jdbc().queryForList(
                        "SELECT g.id::text FROM d6_report_generations g LEFT JOIN report_lineage l"
                                + " ON l.report_generation_id = g.id WHERE l.id IS NULL ORDER BY g.created_at LIMIT ?",
                        String.class,
                        inserts);
        long with = 0;
        long without = 0;
        for (int i = 0; i < ids.size(); i++) {
            boolean on = i % 2 == 0;
            if (!on) {
                jdbc().execute("ALTER TABLE report_lineage DISABLE TRIGGER report_lineage_template_summary_added");
            }
            long t0 = System.nanoTime();
            jdbc().update(INSERT_LINEAGE + " WHERE g.id = ?::uuid", ids.get(i));
            long took = System.nanoTime() - t0;
            if (on) {
                with += took;
            } else {
                without += took;
                jdbc().execute("ALTER TABLE report_lineage ENABLE TRIGGER report_lineage_template_summary_added");
                // keep the summary right for the row inserted without the trigger
                jdbc().update("""
                        UPDATE report_template_summary s SET report_count = report_count + 1,
                            last_captured_at = GREATEST(last_captured_at, g.created_at)
                        FROM d6_report_generations g WHERE g.id = ?::uuid
                          AND s.template_version_id = g.template_version_id
                        """, ids.get(i));
            }
        }
        int half = Math.max(1, ids.size() / 2);
        return new double[] {with / 1e6 / half, without / 1e6 / half};
    }
}
