package com.leadfactory.lineage.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP/1.1 calls that report a refused or reset connection as an outcome instead of an exception, for
 * tests that poll a service while it starts or stops.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {}

    /** An answer, or {@code status == -1} with the exception's class as the body when none came. */
    public record Answer(int status, String body, Map<String, java.util.List<String>> headers) {

        public boolean answered() {
            return status > 0;
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    public static HttpClient client() {
        return CLIENT;
    }

    public static int status(int port, String path) {
        return get(port, path, Map.of()).status();
    }

    public static Answer get(int port, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return send(CLIENT, request.GET().build());
    }

    public static Answer postJson(HttpClient client, int port, String path, Map<String, String> headers, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(
                client, request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static Answer send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
