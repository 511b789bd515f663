package com.leadfactory.lineage.availability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The container's health check: exits 0 when this instance's readiness answers 200, 1 otherwise. The slim JRE
 * image has no curl, so the Dockerfile copies this one class (JDK only, no dependencies) out of the build and
 * runs it with {@code java -cp /app/probe}. The port is {@code SERVER_PORT}, else {@code PORT}, else 8080; an
 * argument replaces the whole URL.
 */
public final class ReadinessProbe {

    static final String PATH = "/actuator/health/readiness";

    private ReadinessProbe() {}

    public static void main(String[] args) {
        System.exit(check(args.length > 0 ? args[0] : url(System.getenv())));
    }

    static String url(Map<String, String> environment) {
        String port = environment.getOrDefault("SERVER_PORT", environment.getOrDefault("PORT", "8080"));
        return "http://127.0.0.1:" + port + PATH;
    }

    /** 0 if the URL answers 200 within 4 seconds, else 1 (with the reason on stderr, which Docker keeps). */
    static int check(String url) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(4))
                .GET()
                .build();
        try {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return 0;
            }
            System.err.println(url + " answered " + status);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            System.err.println(url + " did not answer: " + e);
        }
        return 1;
    }
}
