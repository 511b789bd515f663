package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.FaultDatabase;
import com.leadfactory.lineage.support.Http;
import com.leadfactory.lineage.support.ServiceProcess;
import com.leadfactory.lineage.support.TestBroker;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart under load, against the real PostgreSQL and RabbitMQ with the service in its own JVM:
 * SIGTERM while several HTTP clients post completions and the queue is being consumed. Every acknowledged
 * request must have its row, every request without a row must have had a retryable answer (503, or a refused or
 * reset connection), never 404 or 500, and every confirmed message must end as exactly one row once an instance
 * runs again on the same database and queue.
 */
class SigtermFaultTest {

    private static final String KEY = "sigterm-ingest-key-0123456789";
    private static final String HTTP_TEMPLATE = "sigterm-http@v1";
    private static final String QUEUE_TEMPLATE = "sigterm-queue@v1";
    private static final int CLIENTS = 4;
    private static final int PER_CLIENT = 1500;
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration DRAIN = Duration.ofSeconds(120);
    /** The two shutdown bounds in application.yaml (15 s each) and the JVM's own exit, with room for a busy machine. */
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(60);

    private TestBroker broker;
    private ServiceProcess first;
    private ServiceProcess second;
    private final AtomicBoolean stopClients = new AtomicBoolean();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);

    /** What one HTTP request got. */
    private record Outcome(UUID report, int status, String body) {}

    @AfterEach
    void stop() throws InterruptedException {
        stopClients.set(true);
        clients.shutdownNow();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        for (ServiceProcess service : new ServiceProcess[] {second, first}) {
            if (service != null) {
                service.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sigtermUnderHttpAndQueueLoadLosesNothingAndAnswersOnlyRetryably() throws Exception {
        broker = new TestBroker("sigterm");
        FaultDatabase database =
                FaultDatabase.fresh("lineage_sigterm_fault_test").migrate();
        List<FaultDatabase.Report> httpReports = database.reports(HTTP_TEMPLATE, CLIENTS * PER_CLIENT);
        List<FaultDatabase.Report> queueReports = database.reports(QUEUE_TEMPLATE, 3000);
        first = service("sigterm-a", database).start().awaitReady(START);
        int port = first.port();

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch clientsDone = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            List<FaultDatabase.Report> mine = httpReports.subList(c * PER_CLIENT, (c + 1) * PER_CLIENT);
            clients.submit(() -> post(port, mine, outcomes, clientsDone));
        }
        List<UUID> confirmed = new ArrayList<>();
        clients.submit(() -> publish(queueReports, confirmed));

        Await.until(
                "both doors are busy",
                DRAIN,
                () -> database.captured(HTTP_TEMPLATE).size() >= 150
                        && database.captured(QUEUE_TEMPLATE).size() >= 100);
        first.terminate();
        int exit = first.awaitExit(GRACEFUL_STOP);
        // the clients meet the stopped instance for a moment more (refused connections), as a balancer's would
        Await.sleep(1000);
        stopClients.set(true);
        assertThat(clientsDone.await(60, TimeUnit.SECONDS))
                .as("clients stopped")
                .isTrue();

        assertThat(exit)
                .as("exit code after SIGTERM (143 = terminated by the signal, after shutdown hooks)")
                .isIn(0, 143);

        Set<UUID> captured = database.captured(HTTP_TEMPLATE);
        List<Outcome> all = new ArrayList<>(outcomes);
        for (Outcome outcome : all) {
            String what = outcome.report() + " -> " + outcome.status() + " " + outcome.body();
            assertThat(outcome.status()).as(what).isIn(-1, 200, 201, 503);
            if (outcome.status() == 200 || outcome.status() == 201) {
                assertThat(captured).as("acknowledged but not stored: " + what).contains(outcome.report());
            } else if (captured.contains(outcome.report())) {
                throw new AssertionError("stored but not acknowledged (an in-flight request lost its answer): " + what);
            }
        }
        Map<Integer, Long> byStatus =
                all.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting()));
        System.out.println("HTTP outcomes by status (-1: no answer): " + byStatus);
        assertThat(byStatus.getOrDefault(201, 0L))
                .as("captures acknowledged before the SIGTERM")
                .isPositive();
        assertThat(byStatus.getOrDefault(503, 0L) + byStatus.getOrDefault(-1, 0L))
                .as("requests that met the shutdown (so the test saw one): " + byStatus)
                .isPositive();
        all.stream()
                .filter(o -> o.status() == 503 && !o.body().isEmpty())
                .forEach(o -> assertThat(o.body())
                        .as("a 503 with a body is a problem")
                        .contains("\"status\":503"));

        assertThat(first.log())
                .as("the shutdown was graceful")
                .contains("Shutting down: readiness is OUT_OF_SERVICE")
                .contains("Graceful shutdown complete")
                .doesNotContain("Graceful shutdown aborted");

        second = service("sigterm-b", database).start().awaitReady(START);
        // a client retries what was not acknowledged; every retry is captured now
        Map<UUID, FaultDatabase.Report> byId =
                httpReports.stream().collect(Collectors.toMap(FaultDatabase.Report::id, r -> r));
        HttpClient retries =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (Outcome outcome : all) {
            if (outcome.status() != 200 && outcome.status() != 201) {
                Http.Answer retry = Http.postJson(
                        retries,
                        second.port(),
                        "/api/lineage/completions",
                        Map.of("X-API-Key", KEY),
                        byId.get(outcome.report()).json());
                assertThat(retry.status()).as("retry of " + outcome.report()).isIn(200, 201);
            }
        }
        Set<UUID> sent = all.stream().map(Outcome::report).collect(Collectors.toSet());
        assertThat(database.captured(HTTP_TEMPLATE))
                .as("every posted completion, once")
                .isEqualTo(sent);

        Set<UUID> published;
        synchronized (confirmed) {
            published = Set.copyOf(confirmed);
        }
        assertThat(published).as("messages confirmed by the broker").hasSizeGreaterThan(100);
        Await.until(
                published.size() + " queued completions captured",
                DRAIN,
                () -> database.captured(QUEUE_TEMPLATE).containsAll(published));
        Await.until("the queue is drained", DRAIN, () -> broker.waiting(broker.queue()) == 0);
        assertThat(database.count("SELECT COUNT(*) FROM report_lineage WHERE template_version_id = ?", QUEUE_TEMPLATE))
                .as("one row per confirmed message")
                .isEqualTo(published.size());
        assertThat(database.count(
                        "SELECT COUNT(*) FROM report_lineage WHERE template_version_id IN (?, ?) AND capture_source"
                                + " NOT IN ('http', 'rabbitmq')",
                        HTTP_TEMPLATE,
                        QUEUE_TEMPLATE))
                .isZero();
        assertThat(broker.waiting(broker.deadLetterQueue())).as("dead-lettered").isZero();
    }

    private ServiceProcess service(String name, FaultDatabase database) {
        Map<String, String> properties = new LinkedHashMap<>(broker.serviceProperties());
        properties.putAll(database.serviceProperties());
        properties.put("lineage.demo.enabled", "false");
        properties.put("lineage.reconcile.enabled", "false");
        properties.put("lineage.ingest.rabbitmq.concurrent-consumers", "2");
        properties.put("lineage.security.clients[0].name", "sigterm-pipeline");
        properties.put("lineage.security.clients[0].api-key", KEY);
        properties.put("lineage.security.clients[0].roles", "ingest");
        properties.put("logging.level.org.apache.camel.component.springrabbit", "WARN");
        // the queue switch as a deployment's environment may spell it: the routes read it as Spring does (Camel's
        // own lookup took the variable as typed, and TRUE left the consuming route out while readiness said UP)
        properties.remove("lineage.ingest.rabbitmq.enabled");
        return new ServiceProcess(name, properties).environment("LINEAGE_INGEST_RABBITMQ_ENABLED", "TRUE");
    }

    /** One client: its own connection, one completion after another, as an upstream would post them. */
    private void post(
            int port,
            List<FaultDatabase.Report> reports,
            ConcurrentLinkedQueue<Outcome> outcomes,
            CountDownLatch done) {
        try {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            for (FaultDatabase.Report report : reports) {
                if (stopClients.get()) {
                    return;
                }
                Http.Answer answer = Http.postJson(
                        client, port, "/api/lineage/completions", Map.of("X-API-Key", KEY), report.json());
                outcomes.add(new Outcome(report.id(), answer.status(), answer.body()));
                if (!answer.answered()) {
                    Await.sleep(50);
                }
            }
        } finally {
            done.countDown();
        }
    }

    /** Publishes with confirms, ten at a time, until told to stop or out of messages. */
    private void publish(List<FaultDatabase.Report> reports, List<UUID> confirmed) {
        for (int i = 0; i < reports.size() && !stopClients.get(); i += 10) {
            List<FaultDatabase.Report> batch = reports.subList(i, Math.min(reports.size(), i + 10));
            broker.publishConfirmed(batch.stream()
                    .map(r -> r.json().getBytes(StandardCharsets.UTF_8))
                    .toList());
            synchronized (confirmed) {
                batch.forEach(r -> confirmed.add(r.id()));
            }
            Await.sleep(20);
        }
    }
}
