package com.leadfactory.lineage.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestSupport;
import com.leadfactory.lineage.support.UnguardedUpdate;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The read API and its audit trail, over real HTTP; run on H2 and PostgreSQL. */
interface ReadApiContract extends ApiTestSupport {

    ObjectMapper JSON = new ObjectMapper();

    /** Captures one report for a lead and returns its summary as the API answered. */
    private Map<String, Object> capture(UUID lead, String template, String pdfSha) {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        Map<String, Object> message =
                source().withTemplate(source().report(lead, finished.minusSeconds(30), finished), template);
        if (pdfSha != null) {
            message.put("pdf", Map.of("sha256", pdfSha));
        }
        message.put("pipeline_logs", List.of(Map.of("level", "INFO", "msg", "rendered " + template)));
        return postCompletion(message);
    }

    private List<Map<String, Object>> auditRows(Object lineageId) {
        return jdbc().queryForList(
                        "SELECT * FROM report_lineage_audit WHERE lineage_id = ? ORDER BY accessed_at, id",
                        UUID.fromString(lineageId.toString()));
    }

    @Test
    default void lookupServesTheSummaryCountsTheAccessAndAuditsIt() {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@lookup", null);
        String reportId = (String) captured.get("report_generation_id");

        as(VIEWER_KEY)
                .header("User-Agent", "support-console/1.0")
                .header("X-Request-Id", "req-lookup-1")
                .header("X-Forwarded-For", "203.0.113.9")
                .get("/api/lineage/" + reportId)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("lineage_id", equalTo(captured.get("lineage_id")))
                .body("report_generation_id", equalTo(reportId))
                .body("lead_id", equalTo(captured.get("lead_id")))
                .body("pipeline_run_id", equalTo(captured.get("pipeline_run_id")))
                .body("template_version_id", equalTo("tpl@lookup"))
                .body("pipeline_duration_seconds", equalTo(30.0f))
                .body("raw_inputs_size_bytes", notNullValue())
                .body("compression_ratio", notNullValue())
                .body("created_at", notNullValue())
                .body("access_count", equalTo(1))
                .body("last_accessed_at", notNullValue())
                .body("truncated", equalTo(false))
                .body("links.download", equalTo("/api/lineage/" + captured.get("lineage_id") + "/download"))
                .body("links.audit", containsString("/audit"));
        Response again = as(VIEWER_KEY).get("/api/lineage/" + reportId);
        again.then().statusCode(200).body("access_count", equalTo(2));
        // request headers (the caller's key) and internal caller headers are never echoed back
        assertThat(again.getHeader("X-API-Key")).isNull();
        assertThat(again.getHeaders().asList()).noneMatch(h -> h.getName().startsWith("X-Lineage-"));

        List<Map<String, Object>> audit = auditRows(captured.get("lineage_id"));
        assertThat(audit).hasSize(2);
        Map<String, Object> first = audit.get(0);
        assertThat(first.get("action")).isEqualTo("lookup");
        assertThat(first.get("outcome")).isEqualTo("ok");
        assertThat(first.get("user_id")).isEqualTo("test-viewer");
        assertThat(first.get("user_agent")).isEqualTo("support-console/1.0");
        assertThat(first.get("request_id")).isEqualTo("req-lookup-1");
        // no trusted proxy is configured: the forged X-Forwarded-For must not reach the trail
        assertThat(first.get("ip_address")).isEqualTo("127.0.0.1");
    }

    @Test
    default void unknownAndMalformedIdsGet404And400AndTheNotFoundReadIsAudited() {
        UUID unknown = UUID.randomUUID();
        as(VIEWER_KEY)
                .get("/api/lineage/" + unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        Integer notFoundRows = jdbc().queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE outcome = 'not_found' AND action = 'lookup'"
                                + " AND details LIKE ?",
                        Integer.class,
                        "%" + unknown + "%");
        assertThat(notFoundRows).isEqualTo(1);

        as(VIEWER_KEY)
                .get("/api/lineage/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("report_id"));
        as(VIEWER_KEY).get("/api/lineage/" + unknown + "/logs").then().statusCode(404);
        as(AUDITOR_KEY)
                .header("X-Access-Purpose", "SUP-1 not found check")
                .get("/api/lineage/" + unknown + "/download")
                .then()
                .statusCode(404);
        // the not-found reads above are in that id's trail now; an id nobody asked for has no trail at all
        as(AUDITOR_KEY).get("/api/lineage/" + unknown + "/audit").then().statusCode(200);
        as(AUDITOR_KEY)
                .get("/api/lineage/" + UUID.randomUUID() + "/audit")
                .then()
                .statusCode(404);
    }

    @Test
    default void searchFiltersPagesByCursorAndStaysStableWhileRowsArrive() {
        UUID lead = UUID.randomUUID();
        String sha = UUID.randomUUID().toString().replace("-", "").repeat(2);
        for (int i = 0; i < 5; i++) {
            capture(lead, i % 2 == 0 ? "tpl@even" : "tpl@odd", i == 3 ? sha : null);
        }

        Response firstPage = as(VIEWER_KEY)
                .queryParam("lead_id", lead)
                .queryParam("limit", 2)
                .get("/api/lineage/search");
        firstPage.then().statusCode(200).body("items", hasSize(2)).body("next_cursor", notNullValue());
        List<String> created = firstPage.jsonPath().getList("items.created_at");
        assertThat(created.get(0)).isGreaterThanOrEqualTo(created.get(1));

        capture(lead, "tpl@late", null); // arrives between pages: must not shift the next page
        String cursor = firstPage.jsonPath().getString("next_cursor");
        List<String> secondIds = as(VIEWER_KEY)
                .queryParam("lead_id", lead)
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get("/api/lineage/search")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .extract()
                .jsonPath()
                .getList("items.lineage_id");
        List<String> firstIds = firstPage.jsonPath().getList("items.lineage_id");
        assertThat(secondIds).doesNotContainAnyElementsOf(firstIds);

        List<String> all = as(VIEWER_KEY)
                .queryParam("lead_id", lead)
                .get("/api/lineage/search")
                .then()
                .statusCode(200)
                .body("items", hasSize(6))
                .body("next_cursor", nullValue())
                .extract()
                .jsonPath()
                .getList("items.lineage_id");
        assertThat(all.subList(1, 5)).containsExactlyElementsOf(concat(firstIds, secondIds));

        as(VIEWER_KEY)
                .queryParam("lead_id", lead)
                .queryParam("template_version_id", "tpl@odd")
                .get("/api/lineage/search")
                .then()
                .body("items", hasSize(2));
        as(VIEWER_KEY)
                .queryParam("pdf_sha256", sha.toUpperCase())
                .get("/api/lineage/search")
                .then()
                .body("items", hasSize(1))
                .body("items[0].pdf_sha256", equalTo(sha));
        String runId =
                (String) firstPage.jsonPath().getList("items.pipeline_run_id").get(0);
        as(VIEWER_KEY)
                .queryParam("pipeline_run_id", runId)
                .get("/api/lineage/search")
                .then()
                .body("items", hasSize(1));
        as(VIEWER_KEY)
                .queryParam("lead_id", lead)
                .queryParam(
                        "from",
                        OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString())
                .get("/api/lineage/search")
                .then()
                .body("items", hasSize(0));

        Map<String, Object> audit = jdbc().queryForMap(
                        "SELECT * FROM report_lineage_audit WHERE action = 'search' AND details LIKE ? ORDER BY accessed_at DESC, id DESC LIMIT 1",
                        "%" + sha.toLowerCase() + "%");
        assertThat(audit.get("outcome")).isEqualTo("ok");
        assertThat(audit.get("user_id")).isEqualTo("test-viewer");
        assertThat(audit.get("details").toString()).contains("\"result_count\":1");
    }

    /**
     * A lineage id (in audit rows, OpenLineage events and logs) finds its one record for a viewer: the panel's
     * search opens the report from it, and re-reads the access count with it. A search reads the summary without
     * counting an access, and its audit row names the lineage id searched for.
     */
    @Test
    default void aLineageIdFindsItsOneRecordWithoutCountingAnAccess() {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@by-lineage", null);
        capture(UUID.fromString((String) captured.get("lead_id")), "tpl@by-lineage", null);
        String lineageId = (String) captured.get("lineage_id");
        as(VIEWER_KEY)
                .get("/api/lineage/" + captured.get("report_generation_id"))
                .then()
                .statusCode(200);

        as(VIEWER_KEY)
                .header("X-Request-Id", "req-by-lineage-" + lineageId)
                .queryParam("lineage_id", lineageId.toUpperCase())
                .get("/api/lineage/search")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].lineage_id", equalTo(lineageId))
                .body("items[0].report_generation_id", equalTo(captured.get("report_generation_id")))
                .body("items[0].access_count", equalTo(1))
                .body("next_cursor", nullValue());
        as(VIEWER_KEY)
                .queryParam("lineage_id", lineageId)
                .queryParam("template_version_id", "tpl@other")
                .get("/api/lineage/search")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        as(VIEWER_KEY)
                .queryParam("lineage_id", UUID.randomUUID())
                .get("/api/lineage/search")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));

        assertThat(jdbc().queryForObject(
                                "SELECT access_count FROM report_lineage WHERE id = ?",
                                Integer.class,
                                UUID.fromString(lineageId)))
                .as("searches read the record without counting an access")
                .isEqualTo(1);
        Map<String, Object> audit = jdbc().queryForMap(
                        "SELECT * FROM report_lineage_audit WHERE request_id = ?", "req-by-lineage-" + lineageId);
        assertThat(audit.get("action")).isEqualTo("search");
        assertThat(audit.get("outcome")).isEqualTo("ok");
        assertThat(audit.get("user_id")).isEqualTo("test-viewer");
        assertThat(audit.get("details").toString())
                .contains("\"lineage_id\":\"" + lineageId + "\"")
                .contains("\"result_count\":1");
    }

    @Test
    default void badSearchParametersGet400NamingTheParameter() {
        Map<String, String> bad = Map.of(
                "lead_id", "nope",
                "limit", "201",
                "cursor", "garbage!",
                "from", "yesterday",
                // RFC 3339 years have four digits; PostgreSQL cannot store this one (it was a 500)
                "to", "+300000-01-01T00:00:00Z",
                "pdf_sha256", "abc",
                "lineage_id", "0192f7b4-8c1e-7a3d-9f00");
        bad.forEach((name, value) -> as(VIEWER_KEY)
                .queryParam(name, value)
                .get("/api/lineage/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(name)));
        as(VIEWER_KEY)
                .queryParam("limit", "0")
                .get("/api/lineage/search")
                .then()
                .statusCode(400);
    }

    @Test
    default void aParameterTheEndpointDoesNotTakeIsRefusedNotIgnored() {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@misspelt", null);
        // ?lead= for ?lead_id=: ignored, it would widen the search to every record
        as(VIEWER_KEY)
                .queryParam("lead", captured.get("lead_id"))
                .get("/api/lineage/search")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("lead"))
                .body("detail", containsString("lead_id, pipeline_run_id, template_version_id, pdf_sha256"));
        as(VIEWER_KEY)
                .queryParam("tab", "logs")
                .get("/api/lineage/" + captured.get("report_generation_id"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tab"))
                .body("detail", containsString("takes no query parameters"));
        // refused before anything is read: the record's access count is untouched
        as(VIEWER_KEY)
                .get("/api/lineage/" + captured.get("report_generation_id"))
                .then()
                .statusCode(200)
                .body("access_count", equalTo(1));
        // the role is checked first: a caller without it learns nothing about the parameters
        as(INGEST_KEY).queryParam("lead", "x").get("/api/lineage/search").then().statusCode(403);
    }

    @Test
    default void aRecordWithoutLogsAnswersTheJsonLiteralNull() {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        Map<String, Object> message = source().report(UUID.randomUUID(), finished.minusSeconds(30), finished);
        message.remove("pipeline_logs");
        Object lineageId = postCompletion(message).get("lineage_id");
        String body = as(VIEWER_KEY)
                .get("/api/lineage/" + lineageId + "/logs")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
        assertThat(body).isEqualTo("null");
    }

    @Test
    default void logsAreServedAsStored() {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@logs", null);
        as(VIEWER_KEY)
                .get("/api/lineage/" + captured.get("lineage_id") + "/logs")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("[0].msg", equalTo("rendered tpl@logs"));
        assertThat(auditRows(captured.get("lineage_id")))
                .extracting(row -> row.get("action"))
                .containsExactly("logs");
    }

    @Test
    default void logsGoOutAsTheGzipMadeAtCaptureOrInflatedForAClientWithoutGzip() throws Exception {
        Object lineageId = capture(UUID.randomUUID(), "tpl@gzip-logs", null).get("lineage_id");
        byte[] stored = jdbc().queryForObject(
                        "SELECT pipeline_logs_gzip FROM report_lineage WHERE id = ?",
                        byte[].class,
                        UUID.fromString(lineageId.toString()));
        JsonNode sent = JSON.readTree("[{\"level\":\"INFO\",\"msg\":\"rendered tpl@gzip-logs\"}]");
        assertThat(JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(stored))))
                .as("the gzip holds the logs as sent")
                .isEqualTo(sent);

        HttpResponse<byte[]> gzip = logs(lineageId, "gzip, deflate");
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(gzip.body()).as("the stored bytes, not compressed again").isEqualTo(stored);

        HttpResponse<byte[]> identity = logs(lineageId, "identity, gzip;q=0");
        assertThat(identity.statusCode()).isEqualTo(200);
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(JSON.readTree(identity.body())).isEqualTo(sent);

        // a row captured before the gzip column existed is served from its JSON text
        UnguardedUpdate.ofLineage(
                jdbc(),
                "UPDATE report_lineage SET pipeline_logs_gzip = NULL WHERE id = ?",
                UUID.fromString(lineageId.toString()));
        HttpResponse<byte[]> older = logs(lineageId, null);
        assertThat(older.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(older.body(), UTF_8)).contains("rendered tpl@gzip-logs");
    }

    private HttpResponse<byte[]> logs(Object lineageId, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port() + "/api/lineage/" + lineageId + "/logs"))
                .header("X-API-Key", VIEWER_KEY);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    default void auditorsDownloadTheStoredGzipAndViewersAreRefusedAndAudited() throws Exception {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl/with spaces", null);
        Object lineageId = captured.get("lineage_id");
        byte[] stored = jdbc().queryForObject(
                        "SELECT raw_inputs_compressed FROM report_lineage WHERE id = ?",
                        byte[].class,
                        UUID.fromString(lineageId.toString()));

        Response download = as(AUDITOR_KEY)
                .header("X-Access-Purpose", "SUP-4821 customer disputes the score")
                .get("/api/lineage/" + lineageId + "/download");
        download.then()
                .statusCode(200)
                .contentType("application/gzip")
                .header("Content-Length", String.valueOf(stored.length))
                .header("ETag", "\"" + captured.get("raw_inputs_sha256") + "\"")
                .header("Content-Disposition", containsString(captured.get("report_generation_id") + "_lead-"))
                .header("Content-Disposition", containsString("tpl-tpl_with_spaces.raw-inputs.json.gz"));
        assertThat(download.asByteArray()).isEqualTo(stored);
        as(AUDITOR_KEY)
                .header("If-None-Match", download.getHeader("ETag"))
                .header("X-Access-Purpose", "SUP-4821 again")
                .get("/api/lineage/" + lineageId + "/download")
                .then()
                .statusCode(304);

        as(VIEWER_KEY)
                .get("/api/lineage/" + lineageId + "/download")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(auditRows(lineageId))
                .extracting(row -> row.get("action") + ":" + row.get("outcome") + ":" + row.get("user_id"))
                .containsExactly("download:ok:test-auditor", "download:ok:test-auditor", "download:denied:test-viewer");
        assertThat(auditRows(lineageId))
                .extracting(row -> row.get("purpose"))
                .containsExactly("SUP-4821 customer disputes the score", "SUP-4821 again", null);
    }

    @Test
    default void readsOfCustomerDataStateAPurposeThatTheTrailKeeps() {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@purpose", null);
        Object lineageId = captured.get("lineage_id");
        String download = "/api/lineage/" + lineageId + "/download";
        String bundle = "/api/lineage/" + lineageId + "/bundle";

        for (String path : List.of(download, bundle)) {
            as(AUDITOR_KEY)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("X-Access-Purpose"))
                    .body("errors[0].message", containsString("ticket reference"));
        }
        for (String bad : List.of("ab", "x".repeat(201), "two\tparts", "UTF-8''%C3", "UTF-8''%ZZabc")) {
            as(AUDITOR_KEY)
                    .header("X-Access-Purpose", bad)
                    .get(download)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("X-Access-Purpose"));
        }
        // two purposes: which one is it? (only the first used to be stored)
        as(AUDITOR_KEY)
                .header("X-Access-Purpose", "SUP-1 one")
                .header("X-Access-Purpose", "SUP-2 two")
                .get(download)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("X-Access-Purpose"))
                .body("errors[0].message", containsString("once"));
        // raw UTF-8 bytes in the header (read as ISO-8859-1 they would be stored as "cafÃ©"): refused, asking for
        // RFC 8187
        String raw = rawGet(download, "X-API-Key: " + AUDITOR_KEY, "X-Access-Purpose: café raw");
        assertThat(raw).startsWith("HTTP/1.1 400").contains("X-Access-Purpose").contains("RFC 8187");
        assertThat(auditRows(lineageId)).as("a refused purpose reads nothing").isEmpty();

        // a viewer is refused for the role first (audited as denied), purpose or not
        as(VIEWER_KEY).get(download).then().statusCode(403);
        // text beyond ASCII travels as an RFC 8187 extended value and arrives intact; a purpose on any other read is
        // kept too
        as(AUDITOR_KEY)
                .header("X-Access-Purpose", "utf-8'de'Pr%C3%BCfung%20f%C3%BCr%20K%C3%BCndigung%20%E2%9C%93")
                .get(bundle)
                .then()
                .statusCode(200);
        as(VIEWER_KEY)
                .header("X-Access-Purpose", "TICKET-77")
                .get("/api/lineage/" + lineageId + "/logs")
                .then()
                .statusCode(200);
        assertThat(auditRows(lineageId))
                .extracting(row -> row.get("action") + ":" + row.get("outcome") + ":" + row.get("purpose"))
                .containsExactly("download:denied:null", "bundle:ok:Prüfung für Kündigung ✓", "logs:ok:TICKET-77");
        as(AUDITOR_KEY)
                .get("/api/lineage/" + lineageId + "/audit")
                .then()
                .statusCode(200)
                .body("items[0].purpose", equalTo("TICKET-77"))
                .body("items[1].purpose", equalTo("Prüfung für Kündigung ✓"));
    }

    /** A GET sent byte for byte (header lines in UTF-8, as a client that does not encode would); the answer. */
    private String rawGet(String path, String... headerLines) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port())) {
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    default void theBundleHoldsSummaryRawInputsAndLogs() throws Exception {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@bundle", null);
        Object lineageId = captured.get("lineage_id");
        Response bundle = as(AUDITOR_KEY)
                .header("X-Access-Purpose", "SUP-9 bundle for legal")
                .get("/api/lineage/" + lineageId + "/bundle");
        bundle.then()
                .statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", containsString(".bundle.zip"));
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle.asByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsOnlyKeys("lineage.json", "raw_inputs.json", "pipeline_logs.json");
        assertThat(entries.get("lineage.json")).contains(lineageId.toString()).contains("tpl@bundle");
        byte[] stored = jdbc().queryForObject(
                        "SELECT raw_inputs_compressed FROM report_lineage WHERE id = ?",
                        byte[].class,
                        UUID.fromString(lineageId.toString()));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            assertThat(entries.get("raw_inputs.json")).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(entries.get("pipeline_logs.json")).contains("rendered tpl@bundle");
    }

    /**
     * The bundle's logs are the logs endpoint's: as sent, after masking. Read from jsonb they were PostgreSQL's
     * text of them, where a number of a few bytes (1E+131071) is written out digit by digit: a 2 KB completion
     * made a 26 MB bundle entry, and a 16 MB one more than the heap holds.
     */
    @Test
    default void theBundlesLogsAreTheLogsAsSentNotTheirJsonbText() throws Exception {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        Map<String, Object> message = source().report(UUID.randomUUID(), finished.minusSeconds(30), finished);
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("msg", "rendered tpl@bundle-logs");
        entry.put("n", new java.math.BigDecimal("1E+131071"));
        entry.put("level", "INFO");
        message.put("pipeline_logs", List.of(entry));
        Object lineageId = postCompletion(message).get("lineage_id");

        Response bundle = as(AUDITOR_KEY)
                .header("X-Access-Purpose", "SUP-9 bundle for legal")
                .get("/api/lineage/" + lineageId + "/bundle");
        bundle.then().statusCode(200);
        String logs = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle.asByteArray()))) {
            for (ZipEntry zipEntry = zip.getNextEntry(); zipEntry != null; zipEntry = zip.getNextEntry()) {
                if (zipEntry.getName().equals("pipeline_logs.json")) {
                    logs = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        String served = as(VIEWER_KEY)
                .get("/api/lineage/" + lineageId + "/logs")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(logs).isEqualTo(served).hasSizeLessThan(200).contains("1E+131071");
    }

    @Test
    default void theAuditTrailIsNewestFirstPagedAndForAuditorsOnly() {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@trail", null);
        Object lineageId = captured.get("lineage_id");
        as(VIEWER_KEY)
                .get("/api/lineage/" + captured.get("report_generation_id"))
                .then()
                .statusCode(200);
        as(VIEWER_KEY).get("/api/lineage/" + lineageId + "/logs").then().statusCode(200);
        as(VIEWER_KEY).get("/api/lineage/" + lineageId + "/audit").then().statusCode(403);

        Response page = as(AUDITOR_KEY).queryParam("limit", 2).get("/api/lineage/" + lineageId + "/audit");
        page.then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].action", equalTo("audit_trail"))
                .body("items[0].outcome", equalTo("denied"))
                .body("items[0].user_id", equalTo("test-viewer"))
                .body("items[1].action", equalTo("logs"))
                .body("next_cursor", notNullValue());
        as(AUDITOR_KEY)
                .queryParam("cursor", page.jsonPath().getString("next_cursor"))
                .get("/api/lineage/" + lineageId + "/audit")
                .then()
                .statusCode(200)
                .body("items.action", hasItem("lookup"));
    }

    @Test
    default void theAuditTableIsAppendOnly() {
        Map<String, Object> captured = capture(UUID.randomUUID(), "tpl@append", null);
        as(VIEWER_KEY)
                .get("/api/lineage/" + captured.get("report_generation_id"))
                .then()
                .statusCode(200);
        UUID lineageId = UUID.fromString(captured.get("lineage_id").toString());
        assertThatThrownBy(() -> jdbc().update(
                                "UPDATE report_lineage_audit SET user_id = 'someone-else' WHERE lineage_id = ?",
                                lineageId))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc().update("DELETE FROM report_lineage_audit WHERE lineage_id = ?", lineageId))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(auditRows(lineageId)).hasSize(1);
    }

    @Test
    default void meAndTheOpenApiDocumentAreServedToAnyAuthenticatedCaller() {
        as(ADMIN_KEY)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("test-admin"))
                .body("roles", hasItem("auditor"))
                .body("roles", hasItem("viewer"))
                .body("roles", hasItem("ingest"));
        as(INGEST_KEY)
                .get("/api/openapi.json")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("openapi", notNullValue())
                .body("paths.'/lineage/search'", notNullValue())
                .body("paths.'/lineage/completions'", notNullValue())
                .body("components.schemas.LineageSummary.properties.lineage_id", notNullValue())
                .body("components.schemas.LineagePage.properties.next_cursor", notNullValue())
                .body("components.schemas.Completion.required", hasItem("report_generation_id"))
                .body("components.schemas.ProblemBody.properties.errors", notNullValue())
                .body("paths.'/lineage/{report_id}'.get.responses.'404'", notNullValue());
        RestAssured.given().port(port()).get("/api/openapi.json").then().statusCode(401);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
