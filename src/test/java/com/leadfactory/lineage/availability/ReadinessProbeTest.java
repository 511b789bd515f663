package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {

    private final AtomicInteger status = new AtomicInteger(503);
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void healthyOnlyWhileReadinessAnswers200() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ReadinessProbe.PATH, exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + ReadinessProbe.PATH;

        assertThat(ReadinessProbe.check(url))
                .as("starting or shutting down: 503")
                .isEqualTo(1);
        status.set(200);
        assertThat(ReadinessProbe.check(url)).isZero();
    }

    @Test
    void unhealthyWhenNothingListens() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(ReadinessProbe.check("http://127.0.0.1:" + port + ReadinessProbe.PATH))
                .isEqualTo(1);
    }

    @Test
    void findsThePortTheServiceWasGiven() {
        assertThat(ReadinessProbe.url(Map.of())).isEqualTo("http://127.0.0.1:8080/actuator/health/readiness");
        assertThat(ReadinessProbe.url(Map.of("PORT", "9000"))).contains(":9000/");
        assertThat(ReadinessProbe.url(Map.of("PORT", "9000", "SERVER_PORT", "9100")))
                .contains(":9100/");
    }
}
