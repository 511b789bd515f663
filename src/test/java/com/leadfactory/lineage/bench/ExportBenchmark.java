package com.leadfactory.lineage.bench;

import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.TestDatabases;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail export (GET /api/audit, Accept: text/csv or application/x-ndjson) of 10,000, 100,000 and
 * 1,000,000 rows on PostgreSQL: time, size, and the service's heap while it streams (sampled every 5 ms in this
 * JVM, which runs the service; the client discards what it reads). Flat memory means the peak does not grow with
 * the row count. The rows are generated in SQL once into lineage_audit_export_bench (kept; drop it to regenerate).
 */
@Tag("bench")
class ExportBenchmark extends ApiTestBase {

    static final String DATABASE = "lineage_audit_export_bench";
    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

    @DynamicPropertySource
    static void benchDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.keptPostgres(DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Test
    void exportsStreamWithFlatMemory() throws Exception {
        BenchReport report = new BenchReport("export");
        long existing = jdbc().queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE user_id = 'bench-crm'", Long.class);
        if (existing < ROWS) {
            long start = System.nanoTime();
            jdbc().execute("INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, ip_address, user_agent,"
                    + " accessed_at, outcome, request_id, details, purpose, on_behalf_of, occurred_at, event_id)"
                    + " SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,"
                    + " md5(g::text)::uuid, 'pdf_view', 'bench-crm', '203.0.113.' || (g % 250),"
                    + " 'crm-connector/2.1 (\"bench\", build ' || g || ')',"
                    + " TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 second', 'ok', 'req-' || g,"
                    + " '{\"source\":\"bench\",\"n\":' || g || '}', 'TICKET-' || (g % 9000),"
                    + " 'person' || (g % 5000) || '@crm.example',"
                    + " TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 second', 'bench-' || g"
                    + " FROM generate_series(" + (existing + 1) + ", " + ROWS + ") AS g");
            jdbc().execute("ANALYZE report_lineage_audit");
            report.line("generated %d audit rows in SQL in %.0f s", ROWS - existing, (System.nanoTime() - start) / 1e9);
        }
        Runtime runtime = Runtime.getRuntime();
        report.line(
                "export benchmark: %d audit rows, PostgreSQL %s, service heap max %d MB (-Xmx of the test JVM),"
                        + " %d cores",
                jdbc().queryForObject("SELECT COUNT(*) FROM report_lineage_audit", Long.class),
                jdbc().queryForObject("SHOW server_version", String.class),
                runtime.maxMemory() / (1024 * 1024),
                runtime.availableProcessors());
        report.line("");
        report.line("| format | rows | bytes | seconds | rows/s | heap before (MB) | peak heap used (MB) |"
                + " largest heap left after a GC while streaming (MB) | GCs |");
        report.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        export(report, "text/csv", 1_000); // warm-up
        for (String format : new String[] {"text/csv", "application/x-ndjson"}) {
            for (int rows : new int[] {10_000, 100_000, ROWS}) {
                export(report, format, rows);
            }
        }
        report.write();
    }

    private void export(BenchReport report, String accept, int rows) throws Exception {
        // the period that holds the first `rows` generated rows: accessed_at 00:00:01 .. rows seconds later
        String to = java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z")
                .plusSeconds(rows + 1L)
                .toString();
        URI uri = URI.create(
                "http://localhost:" + port + "/api/audit?user_id=bench-crm&from=2026-01-01T00:00:00Z&to=" + to);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        // what survives a collection: the heap the service actually holds, garbage not counted
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                .toList();
        AtomicLong live = new AtomicLong(0);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long afterGc = 0;
                for (MemoryPoolMXBean pool : heapPools) {
                    MemoryUsage usage = pool.getCollectionUsage();
                    afterGc += usage == null ? 0 : usage.getUsed();
                }
                live.accumulateAndGet(afterGc, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long gcsBefore = gcCount();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .header("X-API-Key", AUDITOR_KEY)
                                .header("Accept", accept)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        sampler.join();
        long served = accept.equals("text/csv") ? lines - 1 : lines;
        if (response.statusCode() != 200 || served != rows) {
            throw new IllegalStateException("export answered " + response.statusCode() + " with " + served + " rows");
        }
        report.line(
                "| %s | %,d | %,d | %.1f | %,.0f | %.0f | %.0f | %.0f | %d |",
                accept,
                rows,
                bytes,
                seconds,
                rows / seconds,
                before / 1048576.0,
                peak.get() / 1048576.0,
                live.get() / 1048576.0,
                gcCount() - gcsBefore);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }
}
