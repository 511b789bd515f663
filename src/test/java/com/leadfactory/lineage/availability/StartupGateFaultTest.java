package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.FaultDatabase;
import com.leadfactory.lineage.support.Http;
import com.leadfactory.lineage.support.ServiceProcess;
import com.leadfactory.lineage.support.TestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deploy as a load balancer sees it: the service in its own JVM on PostgreSQL with queue ingest on, polled from
 * the moment the process starts. Nothing may look ready before a completion can actually be captured, and until
 * then every API answer is a retryable 503 problem, never a 404.
 */
class StartupGateFaultTest {

    private static final String KEY = "startup-ingest-key-0123456789";
    private static final Duration START = Duration.ofSeconds(120);

    private TestBroker broker;
    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** One poll's observation. */
    private record Seen(String what, Http.Answer answer) {}

    @Test
    void nothingLooksReadyBeforeACompletionCanBeCapturedAndTheApiAnswersRetryable503sUntilThen() {
        broker = new TestBroker("startup");
        FaultDatabase database =
                FaultDatabase.fresh("lineage_startup_fault_test").migrate();
        FaultDatabase.Report report = database.reports("startup@v1", 1).get(0);
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>(broker.serviceProperties());
        properties.putAll(database.serviceProperties());
        properties.put("server.port", String.valueOf(port));
        properties.put("lineage.demo.enabled", "false");
        properties.put("lineage.reconcile.enabled", "false");
        properties.put("lineage.security.clients[0].name", "startup-pipeline");
        properties.put("lineage.security.clients[0].api-key", KEY);
        properties.put("lineage.security.clients[0].roles", "ingest,viewer");
        service = new ServiceProcess("startup-gate", properties).start();

        List<Seen> seen = new ArrayList<>();
        long deadline = System.nanoTime() + START.toNanos();
        boolean captured = false;
        while (!captured) {
            assertThat(System.nanoTime())
                    .as("a completion was captured within " + START)
                    .isLessThan(deadline);
            assertThat(service.isAlive())
                    .as("the service runs (see target/fault-logs)")
                    .isTrue();
            seen.add(new Seen("health", Http.get(port, "/actuator/health", Map.of())));
            seen.add(new Seen("readiness", Http.get(port, "/actuator/health/readiness", Map.of())));
            Http.Answer capture = Http.postJson(
                    Http.client(), port, "/api/lineage/completions", Map.of("X-API-Key", KEY), report.json());
            seen.add(new Seen("capture", capture));
            captured = capture.status() == 201;
            if (!capture.answered()) {
                Await.sleep(20);
            }
        }

        List<Seen> answered = seen.stream().filter(s -> s.answer().answered()).toList();
        List<Seen> apiBeforeCapture = answered.stream()
                .filter(s -> s.what().equals("capture") && s.answer().status() != 201)
                .toList();
        assertThat(apiBeforeCapture)
                .as("API answers between Tomcat listening and the routes starting (the window was observed)")
                .isNotEmpty();
        for (Seen api : apiBeforeCapture) {
            assertThat(api.answer().status())
                    .as("API answer before routes started: " + api.answer().body())
                    .isEqualTo(503);
            assertThat(api.answer().header("Content-Type")).startsWith("application/problem+json");
            assertThat(api.answer().header("Retry-After")).isNotBlank();
            assertThat(api.answer().body()).contains("\"status\":503").contains("not-ready");
        }
        int firstCapture = seen.size() - 1;
        for (int i = 0; i < firstCapture; i++) {
            Seen probe = seen.get(i);
            if (probe.what().equals("capture") || probe.answer().status() != 200) {
                continue;
            }
            // a 200 is only honest if no capture after it failed
            int probeAt = i;
            assertThat(seen.subList(probeAt, firstCapture).stream()
                            .filter(s ->
                                    s.what().equals("capture") && s.answer().answered()))
                    .as(probe.what() + " answered 200 while captures after it still failed")
                    .isEmpty();
        }
        assertThat(answered.stream().filter(s -> s.answer().status() == 404))
                .as("404s")
                .isEmpty();
        assertThat(database.captured("startup@v1")).containsExactly(report.id());

        Await.until("readiness answers 200", START, () -> Http.status(port, "/actuator/health/readiness") == 200);
        Await.until("health answers 200", START, () -> Http.status(port, "/actuator/health") == 200);
        Http.Answer components = Http.get(port, "/actuator/health/readiness", Map.of("X-API-Key", KEY));
        assertThat(components.body())
                .as("readiness includes the routes gate, the database and, with queue ingest on, the broker")
                .contains("\"routes\"")
                .contains("\"db\"")
                .contains("\"rabbit\"")
                .contains("\"readinessState\"");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
