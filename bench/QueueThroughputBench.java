import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.ServiceProcess;
import com.leadfactory.lineage.support.TestBroker;
import com.leadfactory.lineage.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sustained completions/s through RabbitMQ into committed lineage rows, with 1 and with 2 service instances
 * (separate JVMs, loopback RabbitMQ and PostgreSQL). Bounded: MESSAGES messages per run, 5 minutes at most.
 * With -Drich=true each report's lead has the capture benchmark's 16 source rows (8 assessment × 15 KB, 8
 * enrichment × 10 KB: ~190 KB of raw inputs to assemble, mask and gzip); otherwise none.
 * Run with bench/queue-throughput.sh (see bench/README.md).
 */
public class QueueThroughputBench {

    static final boolean RICH = Boolean.getBoolean("rich");

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(System.getProperty("messages", "3000"));
        int consumers = Integer.parseInt(System.getProperty("consumers", "4"));
        System.out.printf(
                "messages=%d, concurrent-consumers per instance=%d, source rows=%s%n",
                messages, consumers, RICH ? "16 a report (~190 KB)" : "none");
        for (int instances : new int[] {1, 2}) {
            double rate = run(instances, messages, consumers);
            System.out.printf("RESULT instances=%d completions/s=%.0f%n", instances, rate);
        }
    }

    static double run(int instances, int count, int consumers) throws Exception {
        String suffix = System.getenv().getOrDefault("LINEAGE_TEST_DB_SUFFIX", "");
        String url = TestDatabases.freshPostgres("lineage_bench_queue_" + instances);
        try (TestBroker broker = new TestBroker("bench" + instances + suffix.replace('_', '-'))) {
            List<ServiceProcess> services = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    Map<String, String> p = new LinkedHashMap<>(broker.serviceProperties());
                    p.put("spring.datasource.url", url);
                    p.put("spring.datasource.username", "postgres");
                    p.put("spring.datasource.password", "");
                    p.put("lineage.demo.enabled", "false");
                    p.put("lineage.reconcile.enabled", "false");
                    p.put("lineage.ingest.rabbitmq.concurrent-consumers", String.valueOf(consumers));
                    p.put("lineage.ingest.rabbitmq.prefetch", "20");
                    p.put("logging.level.root", "WARN");
                    p.put("logging.level.org.springframework.boot.web.embedded.tomcat", "INFO");
                    services.add(new ServiceProcess("bench-" + instances + "-" + i, p).start()
                            .awaitStarted(Duration.ofSeconds(120)));
                }
                Await.until("consumers up", Duration.ofSeconds(60), () -> broker.consumers() >= instances * consumers);
                List<byte[]> bodies = reports(url, count);
                // warm-up outside the measurement: the first 5 % are not timed
                int warm = count / 20;
                broker.publishConfirmed(bodies.subList(0, warm));
                Await.until("warm-up", Duration.ofSeconds(120), () -> rows(url) >= warm);
                long start = System.nanoTime();
                for (int i = warm; i < count; i += 100) {
                    broker.publishConfirmed(bodies.subList(i, Math.min(count, i + 100)));
                }
                Await.until("all captured", Duration.ofMinutes(5), () -> rows(url) >= count);
                double seconds = (System.nanoTime() - start) / 1e9;
                return (count - warm) / seconds;
            } finally {
                services.forEach(ServiceProcess::close);
            }
        }
    }

    static List<byte[]> reports(String url, int count) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement insert = c.prepareStatement("INSERT INTO d6_report_generations (id, lead_id,"
                        + " pipeline_run_id, template_version_id, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'bench@v1', 'completed', ?, ?)")) {
            for (int i = 0; i < count; i++) {
                UUID report = UUID.randomUUID(), lead = UUID.randomUUID(), run = UUID.randomUUID();
                insert.setObject(1, report);
                insert.setObject(2, lead);
                insert.setObject(3, run);
                insert.setObject(4, finished.minusSeconds(30));
                insert.setObject(5, finished);
                insert.addBatch();
                bodies.add(("{\"report_generation_id\":\"" + report + "\",\"lead_id\":\"" + lead
                                + "\",\"pipeline_run_id\":\"" + run + "\",\"template_version_id\":\"bench@v1\","
                                + "\"pipeline_started_at\":\"" + finished.minusSeconds(30) + "\","
                                + "\"pipeline_finished_at\":\"" + finished + "\",\"inputs\":{\"seq\":" + i + "}}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            insert.executeBatch();
        }
        if (RICH) {
            sourceRows(url, bodies, finished.minusSeconds(60));
        }
        return bodies;
    }

    /** The capture benchmark's source rows for every report's lead (each body names its lead). */
    static void sourceRows(String url, List<byte[]> bodies, OffsetDateTime at) throws Exception {
        java.util.Random random = new java.util.Random(42);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement assessment = c.prepareStatement("INSERT INTO assessment_results (id, lead_id,"
                        + " pipeline_run_id, kind, payload, created_at) VALUES (?, ?, NULL, ?, CAST(? AS jsonb), ?)");
                PreparedStatement enrichment = c.prepareStatement("INSERT INTO enrichment_results (id, lead_id,"
                        + " source, payload, created_at) VALUES (?, ?, ?, CAST(? AS jsonb), ?)")) {
            for (byte[] body : bodies) {
                String json = new String(body, StandardCharsets.UTF_8);
                int at0 = json.indexOf("\"lead_id\":\"") + 11;
                UUID lead = UUID.fromString(json.substring(at0, at0 + 36));
                for (int k = 0; k < 8; k++) {
                    assessment.setObject(1, UUID.randomUUID());
                    assessment.setObject(2, lead);
                    assessment.setString(3, "kind-" + k);
                    assessment.setString(4, payload(random, 15_000));
                    assessment.setObject(5, at);
                    assessment.addBatch();
                    enrichment.setObject(1, UUID.randomUUID());
                    enrichment.setObject(2, lead);
                    enrichment.setString(3, "source-" + k);
                    enrichment.setString(4, payload(random, 10_000));
                    enrichment.setObject(5, at);
                    enrichment.addBatch();
                }
                assessment.executeBatch();
                enrichment.executeBatch();
            }
        }
    }

    /** Scraped-page-like JSON of about {@code bytes} bytes, as the capture benchmark makes it. */
    static String payload(java.util.Random random, int bytes) {
        String[] words = {"render", "blocking", "script", "image", "missing", "alt", "meta", "description", "cache"};
        StringBuilder json = new StringBuilder("{\"items\": [");
        for (int i = 0; json.length() < bytes; i++) {
            json.append(i > 0 ? "," : "")
                    .append("{\"rule\": \"")
                    .append(words[i % words.length])
                    .append("\", \"score\": ")
                    .append(random.nextInt(100))
                    .append(", \"url\": \"https://example.com/assets/")
                    .append(Long.toHexString(random.nextLong()))
                    .append(".js\", \"detail\": \"")
                    .append(words[(i * 5) % words.length])
                    .append(" could save ")
                    .append(random.nextInt(5000))
                    .append(" ms\"}");
        }
        return json.append("]}").toString();
    }

    static long rows(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM report_lineage")) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
