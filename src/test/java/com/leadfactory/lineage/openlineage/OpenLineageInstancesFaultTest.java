package com.leadfactory.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.FaultDatabase;
import com.leadfactory.lineage.support.ServiceProcess;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each in its own JVM, deliver one outbox to one consumer while completions are captured through both:
 * every run's events arrive, START before COMPLETE, whichever instance sends each, also across a spell in which
 * the consumer is away; an event the consumer refuses is parked and stays parked (neither instance sends it again);
 * both instances take part.
 */
class OpenLineageInstancesFaultTest {

    private static final String INGEST_KEY = "ol-instances-ingest-key-0123456789";
    private static final String TEMPLATE = "ol-instances@v1";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Pattern DELIVERED =
            Pattern.compile("(?m)^lineage_openlineage_events_delivered_total\\{[^}]*} ([0-9.]+)$");

    private final List<ServiceProcess> services = new ArrayList<>();
    private final ExecutorService posters = Executors.newFixedThreadPool(4);
    private TestConsumer consumer;

    @AfterEach
    void stop() throws InterruptedException {
        posters.shutdownNow();
        posters.awaitTermination(30, TimeUnit.SECONDS);
        for (ServiceProcess service : services) {
            service.kill();
        }
        if (consumer != null) {
            consumer.down();
        }
    }

    @Test
    void twoInstancesDeliverEveryRunInOrderAndLeaveParkedEventsParked() throws Exception {
        FaultDatabase database =
                FaultDatabase.fresh("lineage_openlineage_instances").migrate();
        List<FaultDatabase.Report> reports = database.reports(TEMPLATE, 160);
        consumer = TestConsumer.start();
        List<String> refused = new ArrayList<>();
        for (int i = 1; i < reports.size(); i += 53) {
            String run = reports.get(i).id().toString();
            consumer.refuse(run);
            refused.add(run);
        }

        ServiceProcess a = service("openlineage-instance-a", database).start();
        ServiceProcess b = service("openlineage-instance-b", database).start();
        a.awaitReady(START);
        b.awaitReady(START);

        List<Future<?>> posting = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int port = (t % 2 == 0 ? a : b).port();
            List<FaultDatabase.Report> share = new ArrayList<>();
            for (int i = t; i < reports.size(); i += 4) {
                share.add(reports.get(i));
            }
            posting.add(posters.submit(() -> {
                for (FaultDatabase.Report report : share) {
                    RestAssured.given()
                            .port(port)
                            .header("X-API-Key", INGEST_KEY)
                            .contentType("application/json")
                            .body(report.json())
                            .post("/api/lineage/completions")
                            .then()
                            .statusCode(201);
                }
                return null;
            }));
        }
        // the consumer goes away for a while mid-stream: both instances retry, then deliver the rest
        Await.until(
                "a third of the runs delivered",
                Duration.ofSeconds(60),
                () -> reports.stream()
                                .filter(report -> !consumer.receivedFor(
                                                report.id().toString())
                                        .isEmpty())
                                .count()
                        > reports.size() / 3);
        consumer.down();
        Await.sleep(3000);
        consumer.up();
        for (Future<?> poster : posting) {
            poster.get(120, TimeUnit.SECONDS);
        }

        Await.until(
                "every run delivered",
                Duration.ofSeconds(60),
                () -> reports.stream()
                        .map(report -> report.id().toString())
                        .filter(run -> !refused.contains(run))
                        .allMatch(run -> consumer.receivedFor(run).stream()
                                .anyMatch(event -> event.eventType().equals("COMPLETE"))));

        for (FaultDatabase.Report report : reports) {
            String run = report.id().toString();
            List<String> types = consumer.receivedFor(run).stream()
                    .map(TestConsumer.Received::eventType)
                    .toList();
            if (refused.contains(run)) {
                assertThat(types).as("refused run %s", run).isEmpty();
                continue;
            }
            assertThat(types).as("run %s, as received", run).isNotEmpty().startsWith("START");
            assertThat(types).contains("COMPLETE");
        }
        Await.until(
                "no event pending",
                Duration.ofSeconds(30),
                () -> database.count("SELECT COUNT(*) FROM openlineage_outbox WHERE state = 'pending'") == 0);
        assertThat(database.count("SELECT COUNT(*) FROM openlineage_outbox WHERE state = 'parked'"))
                .as("START and COMPLETE of each refused run, parked")
                .isEqualTo(2L * refused.size());
        assertThat(database.count("SELECT COUNT(*) FROM openlineage_outbox WHERE state = 'parked'"
                        + " AND last_error NOT LIKE 'HTTP 400 %'"))
                .as("parked only by the consumer's refusal")
                .isZero();
        // parked stays parked: two more runs, one through each instance, delivered after them; the parked events
        // were not sent again meanwhile
        long parkedAttempts = database.count("SELECT SUM(attempts) FROM openlineage_outbox WHERE state = 'parked'");
        for (ServiceProcess instance : List.of(a, b)) {
            FaultDatabase.Report late = database.reports(TEMPLATE, 1).get(0);
            RestAssured.given()
                    .port(instance.port())
                    .header("X-API-Key", INGEST_KEY)
                    .contentType("application/json")
                    .body(late.json())
                    .post("/api/lineage/completions")
                    .then()
                    .statusCode(201);
            Await.until(
                    "the late run delivered",
                    Duration.ofSeconds(30),
                    () -> consumer.receivedFor(late.id().toString()).stream()
                            .anyMatch(event -> event.eventType().equals("COMPLETE")));
        }
        assertThat(database.count("SELECT SUM(attempts) FROM openlineage_outbox WHERE state = 'parked'"))
                .as("no parked event sent again")
                .isEqualTo(parkedAttempts);
        assertThat(database.count("SELECT COUNT(*) FROM openlineage_outbox WHERE state = 'parked'"))
                .isEqualTo(2L * refused.size());
        assertThat(delivered(a)).as("instance a delivered").isPositive();
        assertThat(delivered(b)).as("instance b delivered").isPositive();
        assertThat(delivered(a) + delivered(b))
                .as("delivered, both instances together, retries not counted")
                .isGreaterThanOrEqualTo(2.0 * (reports.size() - refused.size()));
    }

    private static double delivered(ServiceProcess service) {
        String metrics = RestAssured.given()
                .port(service.port())
                .header("X-API-Key", INGEST_KEY)
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher matcher = DELIVERED.matcher(metrics);
        assertThat(matcher.find()).as("delivered metric").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private ServiceProcess service(String name, FaultDatabase database) {
        Map<String, String> properties = new LinkedHashMap<>(database.serviceProperties());
        properties.put("lineage.demo.enabled", "false");
        properties.put("lineage.reconcile.enabled", "false");
        properties.put("lineage.openlineage.enabled", "true");
        properties.put("lineage.openlineage.url", consumer.url());
        properties.put("lineage.openlineage.poll-interval", "200ms");
        properties.put("lineage.openlineage.retry-delay", "200ms");
        properties.put("lineage.openlineage.max-retry-delay", "1s");
        properties.put("lineage.security.clients[0].name", "ol-instances-pipeline");
        properties.put("lineage.security.clients[0].api-key", INGEST_KEY);
        properties.put("lineage.security.clients[0].roles", "ingest");
        ServiceProcess service = new ServiceProcess(name, properties).maxHeap("256m");
        services.add(service);
        return service;
    }
}
