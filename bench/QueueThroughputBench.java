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
 * Run with bench/queue-throughput.sh (see bench/README.md).
 */
public class QueueThroughputBench {

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(System.getProperty("messages", "3000"));
        int consumers = Integer.parseInt(System.getProperty("consumers", "4"));
        System.out.printf("messages=%d, concurrent-consumers per instance=%d%n", messages, consumers);
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
        return bodies;
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
