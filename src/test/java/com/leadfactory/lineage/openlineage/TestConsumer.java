package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real OpenLineage consumer for the tests (JDK HTTP server on a fixed port): records every RunEvent posted to
 * /api/v1/lineage with its Authorization header, answers 201, or 400 for the runs it is told to refuse (with a
 * plain reason, or with a NUL byte and invalid UTF-8 in it), or 503 with a Retry-After for the runs it is told it is
 * too busy for; it can
 * go down (the port then refuses connections) and come back on the same port.
 */
public final class TestConsumer {

    public record Received(String runId, String eventType, String authorization, String body) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> refusedRuns = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedWithNul = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> busyRuns = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> busyAnswers = new ConcurrentHashMap<>();
    private final int port;
    private HttpServer server;

    private TestConsumer(int port) {
        this.port = port;
    }

    public static TestConsumer start() {
        try {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            TestConsumer consumer = new TestConsumer(port);
            consumer.up();
            return consumer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/api/v1/lineage";
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        // the JDK server releases its port a moment after stop(): try again for up to five seconds
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException(e);
                }
                com.leadfactory.lineage.support.Await.sleep(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        server.createContext("/api/v1/lineage", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode event = MAPPER.readTree(body);
            String runId = event.path("run").path("runId").asText();
            int status;
            byte[] answer;
            Integer retryAfter = busyRuns.get(runId);
            if (retryAfter != null) {
                busyAnswers
                        .computeIfAbsent(runId, r -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter));
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            if (refusedWithNul.contains(runId)) {
                // a NUL byte, a control character and bytes that are not UTF-8: PostgreSQL refuses NUL in text
                status = 400;
                answer = new byte[] {
                    'b', 'a', 'd', 0, 'n', 'u', 'l', 0x1b, '[', '3', '1', 'm', ' ', (byte) 0xff, (byte) 0xfe
                };
            } else if (refusedRuns.contains(runId)) {
                status = 400;
                answer = "{\"error\":\"namespace not allowed\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                received.add(new Received(
                        runId,
                        event.path("eventType").asText(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        body));
                status = 201;
                answer = new byte[0];
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public void refuse(String runId) {
        refusedRuns.add(runId);
    }

    /** Answers 400 with a body holding a NUL byte, an escape sequence and invalid UTF-8 for this run. */
    public void refuseWithNul(String runId) {
        refusedWithNul.add(runId);
    }

    /** Answers 503 with {@code Retry-After: seconds} for this run until {@link #notBusy}. */
    public void busy(String runId, int seconds) {
        busyRuns.put(runId, seconds);
    }

    public void notBusy(String runId) {
        busyRuns.remove(runId);
    }

    /** How many requests for this run were answered 503. */
    public int busyAnswers(String runId) {
        java.util.concurrent.atomic.AtomicInteger count = busyAnswers.get(runId);
        return count == null ? 0 : count.get();
    }

    public List<Received> receivedFor(String runId) {
        return received.stream().filter(r -> r.runId().equals(runId)).toList();
    }
}
