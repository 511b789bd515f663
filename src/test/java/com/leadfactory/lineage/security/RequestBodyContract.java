package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What a request body may cost (security.RequestBodyFilter): platform-http reads every body whole into memory and
 * would inflate a gzip one first, so a compressed body is refused unread (415) on every endpoint, and a body above
 * 64 KiB is refused (413) everywhere but capture, declared or chunked. A body that is not JSON is named in words
 * for the client, without the parser's internals.
 */
public interface RequestBodyContract extends ApiTestSupport {

    ObjectMapper JSON = new ObjectMapper();

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private String accessReport(String eventId, int padding) {
        return "{\"action\":\"pdf_view\",\"on_behalf_of\":\"jane\",\"occurred_at\":\"2026-03-14T09:30:00Z\","
                + "\"event_id\":\"" + eventId + "\"" + " ".repeat(padding) + "}";
    }

    @Test
    default void aCompressedBodyIsRefusedUnreadOnEveryEndpoint() throws Exception {
        // a valid gzip: were it inflated, the search would answer 200 and the completion be captured
        as(VIEWER_KEY)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .body(gzip("{}"))
                .get("/api/lineage/search")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .header("Accept-Encoding", "identity")
                .body("type", containsString("unsupported-content-encoding"));

        Map<String, Object> message = source().report();
        as(INGEST_KEY)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .body(gzip(JSON.writeValueAsString(message)))
                .post("/api/lineage/completions")
                .then()
                .statusCode(415)
                .body("type", containsString("unsupported-content-encoding"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();

        // not gzip at all: still 415, never a 500 from a failed inflate
        as(INGEST_KEY)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/lineage")
                .then()
                .statusCode(415);
        as(INGEST_KEY)
                .header("Content-Encoding", "identity")
                .contentType("application/json")
                .body(JSON.writeValueAsString(message))
                .post("/api/lineage/completions")
                .then()
                .statusCode(201);
    }

    @Test
    default void authenticationAndRolesComeBeforeTheBody() throws Exception {
        io.restassured.RestAssured.given()
                .port(port())
                .header("Content-Encoding", "gzip")
                .body(gzip("{}"))
                .get("/api/lineage/search")
                .then()
                .statusCode(401);
        as(VIEWER_KEY)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .body(gzip("{\"reason\":\"held for a test\"}"))
                .put("/api/leads/00000000-0000-4000-8000-000000000001/hold")
                .then()
                .statusCode(403);
    }

    @Test
    default void aBodyAbove64KiBIsRefusedOutsideCaptureDeclaredOrChunked() throws Exception {
        Map<String, Object> summary = postCompletion(source().report());
        String path = "/api/lineage/" + summary.get("lineage_id") + "/audit";
        int limit = RequestBodyFilter.MAX_BODY_BYTES;

        as(AUDIT_WRITER_KEY)
                .contentType("application/json")
                .body(accessReport("big-declared", limit))
                .post(path)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString(Integer.toString(limit)));

        HttpResponse<String> chunked = postChunked(path, accessReport("big-chunked", limit));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE event_id LIKE 'big-%'", Integer.class))
                .isZero();

        // a chunked body within the limit is read as sent
        HttpResponse<String> small = postChunked(path, accessReport("small-chunked", 10));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
    }

    @Test
    default void aBodyThatIsNotJsonIsExplainedWithoutTheParsersInternals() throws Exception {
        Map<String, Object> summary = postCompletion(source().report());
        Map<String, String> doors = Map.of(
                "/api/lineage/completions",
                INGEST_KEY,
                "/api/v1/lineage",
                INGEST_KEY,
                "/api/lineage/" + summary.get("lineage_id") + "/audit",
                AUDIT_WRITER_KEY);
        for (var door : doors.entrySet()) {
            for (String body : new String[] {"{} {}", "{\"a\":1", "{\"a\":NaN}", "[".repeat(1200) + "]".repeat(1200)}) {
                String answer = as(door.getValue())
                        .contentType("application/json")
                        .body(body)
                        .post(door.getKey())
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString();
                assertThat(answer)
                        .as(door.getKey() + " " + body.substring(0, Math.min(10, body.length())))
                        .contains("JSON")
                        .doesNotContain("`", "com.fasterxml", "jackson", "Feature", "[Source", "Constraints");
            }
        }
        // a second document after the first is refused, never dropped
        as(ADMIN_KEY)
                .contentType("application/json")
                .body("{\"reason\":\"held for a test\"} {\"reason\":\"another\"}")
                .put("/api/lineage/" + summary.get("lineage_id") + "/hold")
                .then()
                .statusCode(400);
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM lineage_legal_hold WHERE lineage_id = ?",
                                Integer.class,
                                java.util.UUID.fromString((String) summary.get("lineage_id"))))
                .isZero();
    }

    /** POSTs {@code body} as an access report without a length: an InputStream publisher sends it chunked. */
    private HttpResponse<String> postChunked(String path, String body) throws Exception {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("X-API-Key", AUDIT_WRITER_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
