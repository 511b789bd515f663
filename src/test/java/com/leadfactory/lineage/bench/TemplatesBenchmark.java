package com.leadfactory.lineage.bench;

import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.TestDatabases;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GET /api/templates at 1,000,000 lineage rows on PostgreSQL (500 template versions), each request including
 * its audit write, beside the GROUP BY over report_lineage the summary table replaces. The rows are generated
 * in SQL once, through the summary trigger, into the database lineage_templates_bench (kept between runs; drop
 * it to regenerate). See bench/README.md.
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
        if (existing < ROWS) {
            long start = System.nanoTime();
            generate();
            report.line(
                    "generated %d rows in SQL, through the summary trigger, in %.0f s",
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

        for (int i = 0; i < 50; i++) {
            get(); // warm-up
        }
        long[] served = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long t0 = System.nanoTime();
            get();
            served[i] = System.nanoTime() - t0;
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
        jdbc().update("""
                INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
                    pipeline_start_time, pipeline_end_time, raw_inputs_compressed, raw_inputs_size_bytes,
                    compression_ratio, raw_inputs_sha256, truncated, capture_source, created_at)
                SELECT md5('x' || g.id::text)::uuid, g.id, g.lead_id, g.pipeline_run_id, g.template_version_id,
                       g.created_at - interval '40 seconds', g.created_at, decode('1f8b', 'hex'), 1000, 5.75,
                       md5(g.id::text) || md5(g.lead_id::text), false, 'bench', g.created_at
                FROM d6_report_generations g
                """);
        jdbc().execute("ANALYZE report_lineage");
        jdbc().execute("ANALYZE report_template_summary");
    }
}
