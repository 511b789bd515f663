package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestSupport;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** POST /api/lineage/completions over real HTTP; run against H2 and PostgreSQL by the subclasses. */
interface CaptureApiContract extends ApiTestSupport {

    ObjectMapper MAPPER = new ObjectMapper();

    private Response post(String apiKey, Object body) {
        return as(apiKey).contentType("application/json").body(body).post("/api/lineage/completions");
    }

    @Test
    default void storesTheTripletTimingsLogsAndRawInputsAsOfThePipelineEnd() throws Exception {
        UUID lead = UUID.randomUUID();
        OffsetDateTime finished =
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).withNano(0);
        OffsetDateTime started = finished.minusSeconds(90);
        UUID seen = source().assessment(lead, "pagespeed", "{\"score\": 71}", finished.minusMinutes(10));
        UUID tooLate = source().assessment(lead, "pagespeed", "{\"score\": 99}", finished.plusSeconds(1));
        UUID enrichment = source().enrichment(
                        lead,
                        "clearbit",
                        "{\"company\": \"Acme\", \"api_key\": \"sk_live_abcdefghijklmnop\"}",
                        finished);
        Map<String, Object> message = source().report(lead, started, finished);
        message.put("pdf", Map.of("uri", "s3://r/x.pdf", "sha256", "ab".repeat(32), "size_bytes", 1234));
        message.put(
                "pipeline_logs",
                List.of(
                        Map.of("ts", started.toString(), "level", "INFO", "msg", "start"),
                        Map.of(
                                "ts",
                                finished.toString(),
                                "level",
                                "WARN",
                                "msg",
                                "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345")));
        message.put("inputs", Map.of("requested_by", "ops"));
        message.put("upstream_trace", "trace-77");

        Response created = post(ApiTestSupport.INGEST_KEY, message);
        created.then()
                .statusCode(201)
                .contentType("application/json")
                .header("Location", "/api/lineage/" + message.get("report_generation_id"))
                .body("report_generation_id", equalTo(message.get("report_generation_id")))
                .body("lead_id", equalTo(lead.toString()))
                .body("pipeline_run_id", equalTo(message.get("pipeline_run_id")))
                .body("template_version_id", equalTo("tpl@v1"))
                .body("pipeline_duration_seconds", equalTo(90.0f))
                .body("pdf_sha256", equalTo("ab".repeat(32)))
                .body("truncated", equalTo(false))
                .body("access_count", equalTo(0))
                .body("lineage_id", notNullValue())
                .body("links.logs", containsString("/logs"));
        assertThat(created.getHeader("X-API-Key")).isNull();

        Map<String, Object> row = jdbc().queryForMap(
                        "SELECT * FROM report_lineage WHERE report_generation_id = ?",
                        UUID.fromString((String) message.get("report_generation_id")));
        byte[] gzip = (byte[]) row.get("raw_inputs_compressed");
        byte[] json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            json = in.readAllBytes();
        }
        assertThat(((Number) row.get("raw_inputs_size_bytes")).longValue()).isEqualTo(json.length);
        assertThat(row.get("raw_inputs_sha256").toString().trim())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(json)));
        assertThat(((Number) row.get("compression_ratio")).doubleValue()).isGreaterThan(1.0);
        assertThat(row.get("capture_source")).isEqualTo("http");

        JsonNode document = MAPPER.readTree(json);
        assertThat(document.get("assessment_data")).hasSize(1);
        assertThat(document.at("/assessment_data/0/id").asText()).isEqualTo(seen.toString());
        assertThat(document.toString()).doesNotContain(tooLate.toString());
        assertThat(document.at("/enrichment_data/0/id").asText()).isEqualTo(enrichment.toString());
        assertThat(document.at("/enrichment_data/0/payload/company").asText()).isEqualTo("Acme");
        assertThat(document.toString()).doesNotContain("sk_live_abcdefghijklmnop");
        assertThat(document.at("/inputs/requested_by").asText()).isEqualTo("ops");
        assertThat(document.at("/unknown_fields/upstream_trace").asText()).isEqualTo("trace-77");
        assertThat(document.has("captured_at")).isTrue();
        assertThat(document.get("schema_version").asInt()).isEqualTo(1);

        String logs = logsOf(message.get("report_generation_id"));
        assertThat(logs).contains("\"start\"").doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
    }

    @Test
    default void rawInputsOverTheCapAreTruncatedByPriorityAndStayValidJson() throws Exception {
        UUID lead = UUID.randomUUID();
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        java.util.Random random = new java.util.Random(42);
        UUID assessment = source().assessment(lead, "seo", "{\"score\": 12}", finished.minusMinutes(1));
        for (int i = 0; i < 4; i++) {
            byte[] noise = new byte[700_000];
            random.nextBytes(noise);
            String blob = java.util.Base64.getEncoder().encodeToString(noise);
            source().enrichment(lead, "scrape-" + i, "{\"html\": \"" + blob + "\"}", finished.minusMinutes(1));
        }
        Map<String, Object> message = source().report(lead, finished.minusSeconds(30), finished);

        post(ApiTestSupport.INGEST_KEY, message).then().statusCode(201).body("truncated", equalTo(true));

        byte[] gzip = jdbc().queryForObject(
                        "SELECT raw_inputs_compressed FROM report_lineage WHERE report_generation_id = ?",
                        byte[].class,
                        UUID.fromString((String) message.get("report_generation_id")));
        assertThat(gzip.length).isLessThanOrEqualTo(2 * 1024 * 1024);
        JsonNode document;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            document = MAPPER.readTree(in);
        }
        assertThat(document.at("/assessment_data/0/id").asText()).isEqualTo(assessment.toString());
        assertThat(document.get("enrichment_data").isArray()).isTrue();
        assertThat(document.get("enrichment_data").size()).isLessThan(4);
        assertThat(document.at("/truncation/dropped/0/section").asText()).isEqualTo("enrichment_data");
    }

    @Test
    default void aSecondPostOfTheSameReportAnswers200WithTheExistingRow() {
        Map<String, Object> message = source().report();
        String lineageId = post(ApiTestSupport.INGEST_KEY, message)
                .then()
                .statusCode(201)
                .extract()
                .path("lineage_id");

        post(ApiTestSupport.INGEST_KEY, message).then().statusCode(200).body("lineage_id", equalTo(lineageId));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isEqualTo(1);
    }

    /**
     * A client that keeps sending a byte at a time never lets the socket time out: past body-read-timeout (2s in
     * these tests) its completion is a 408 problem, answered while it is still sending, and nothing is stored.
     */
    @Test
    default void aBodyStillTricklingInAfterTheReadTimeoutIsA408AndNothingIsStored() throws Exception {
        Map<String, Object> message = source().report();
        byte[] body = MAPPER.writeValueAsBytes(message);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/lineage/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                            + ApiTestSupport.INGEST_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            int sent = 0;
            // a byte every 100 ms until the answer comes; the whole body would take minutes
            while (in.available() == 0 && sent < body.length - 1) {
                out.write(body[sent++]);
                out.flush();
                Thread.sleep(100);
            }
            String answer = responseOn(in);
            assertThat(answer)
                    .startsWith("HTTP/1.1 408")
                    .contains("body-too-slow")
                    .contains("nothing was stored");
            assertThat(sent).as("answered while the body was still arriving").isLessThan(body.length - 1);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(java.time.Duration.ofSeconds(20));
        }
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    /** One HTTP/1.1 response read off a socket that stays open: head, then a Content-Length or chunked body. */
    private static String responseOn(java.io.InputStream in) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return text.toString();
            }
            text.append((char) b);
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        if (length.find()) {
            return text + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        while (!text.toString().endsWith("\r\n0\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }

    @Test
    default void parallelCopiesOfOneReportMakeOneRowOne201AndNo5xx() throws Exception {
        Map<String, Object> message = source().report();
        String body = MAPPER.writeValueAsString(message);
        int copies = 12;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                calls.add(() -> RestAssured.given()
                        .port(port())
                        .header("X-API-Key", ApiTestSupport.INGEST_KEY)
                        .contentType("application/json")
                        .body(body)
                        .post("/api/lineage/completions")
                        .statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(copies - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(source().lineageRows(message.get("report_generation_id"))).isEqualTo(1);
    }

    @Test
    default void invalidMessagesGet400NamingEveryOffendingFieldAndStoreNothing() {
        Map<String, Object> message = source().report();
        message.put("lead_id", "not-a-uuid");
        message.remove("pipeline_run_id");
        message.put("template_version_id", 42);
        message.put("pipeline_finished_at", "2020-01-01T00:00:00Z");

        post(ApiTestSupport.INGEST_KEY, message)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body(
                        "errors.field",
                        hasItems("lead_id", "pipeline_run_id", "template_version_id", "pipeline_finished_at"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void identifiersAreStoredAsSentOrRefused() throws Exception {
        Map<String, Object> message = source().report();
        message.put("template_version_id", "v1\u0000\u0007");
        post(ApiTestSupport.INGEST_KEY, MAPPER.writeValueAsString(message))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("template_version_id"))
                .body("errors[0].message", containsString("control characters"));
        message.put("template_version_id", " v1 ");
        post(ApiTestSupport.INGEST_KEY, MAPPER.writeValueAsString(message))
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("template_version_id"));
        message.put("template_version_id", "v1\u202Egnp.exe"); // would show as "v1exe.png"
        post(ApiTestSupport.INGEST_KEY, MAPPER.writeValueAsString(message))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("template_version_id"))
                .body(
                        "errors[0].message",
                        equalTo("must not contain invisible format characters (U+202E at position 3)"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();

        message.put("template_version_id", "Audit v3 — ünïcode ✓");
        jdbc().update(
                        "UPDATE d6_report_generations SET template_version_id = ? WHERE id = ?",
                        "Audit v3 — ünïcode ✓",
                        UUID.fromString((String) message.get("report_generation_id")));
        post(ApiTestSupport.INGEST_KEY, MAPPER.writeValueAsString(message))
                .then()
                .statusCode(201)
                .body("template_version_id", equalTo("Audit v3 — ünïcode ✓"));
        assertThat(jdbc().queryForObject(
                                "SELECT template_version_id FROM report_lineage WHERE report_generation_id = ?",
                                String.class,
                                UUID.fromString((String) message.get("report_generation_id"))))
                .isEqualTo("Audit v3 — ünïcode ✓");
    }

    @Test
    default void aKeySentTwiceIsRefusedNamingItAndNothingIsStored() throws Exception {
        Map<String, Object> message = source().report();
        String json = MAPPER.writeValueAsString(message);
        String twice = json.replaceFirst("\\{", "{\"lead_id\":\"" + UUID.randomUUID() + "\",");
        post(ApiTestSupport.INGEST_KEY, twice)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("lead_id"))
                .body("errors[0].message", containsString("more than once"));
        message.put("pipeline_logs", List.of(Map.of("level", "INFO")));
        String nested = MAPPER.writeValueAsString(message)
                .replace("\"level\":\"INFO\"", "\"level\":\"INFO\",\"level\":\"ERROR\"");
        post(ApiTestSupport.INGEST_KEY, nested)
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("pipeline_logs[0].level"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void textNoStoreCanHoldIsRefusedNot500() throws Exception {
        Map<String, Object> message = source().report();
        message.put("pipeline_logs", List.of(Map.of("msg", "nul\u0000byte")));
        post(ApiTestSupport.INGEST_KEY, MAPPER.writeValueAsString(message))
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("pipeline_logs[0].msg"));
        message.remove("pipeline_logs");
        String loneSurrogate =
                MAPPER.writeValueAsString(message).replaceFirst("\\{", "{\"note\":\"bad \\\\ud800 text\",");
        post(ApiTestSupport.INGEST_KEY, loneSurrogate).then().statusCode(400).body("errors.field", hasItems("note"));
        // jsonb keeps numbers in PostgreSQL's numeric, which overflows on these: the insert failed, a 500
        message.put("pipeline_logs", List.of(Map.of("big", "BIG", "small", "SMALL")));
        post(
                        ApiTestSupport.INGEST_KEY,
                        MAPPER.writeValueAsString(message)
                                .replace("\"BIG\"", "1e131072")
                                .replace("\"SMALL\"", "1e-16384"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("pipeline_logs[0].big", "pipeline_logs[0].small"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    /** java.time reads a signed year of five digits or more; PostgreSQL cannot store it (a 500 from the insert). */
    @Test
    default void aTimestampBeyondFourDigitYearsIsA400NamingItNot500() throws Exception {
        Map<String, Object> message = source().report();
        message.put("pipeline_started_at", "-300000-11-25T10:00:00Z");
        message.put("pipeline_finished_at", "+300000-11-25T10:00:42Z");
        post(ApiTestSupport.INGEST_KEY, MAPPER.writeValueAsString(message))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("pipeline_started_at", "pipeline_finished_at"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void theRawInputDocumentsTimesAreRfc3339AlsoOnAWholeMinute() throws Exception {
        Map<String, Object> message = new java.util.LinkedHashMap<>(source().report());
        OffsetDateTime finished = OffsetDateTime.parse((String) message.get("pipeline_finished_at"))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        message.put("pipeline_started_at", finished.minusMinutes(1).toString());
        message.put("pipeline_finished_at", finished.toString());
        post(ApiTestSupport.INGEST_KEY, message).then().statusCode(201);

        JsonNode document = storedRawInputs(MAPPER, message.get("report_generation_id"));
        assertThat(document.get("pipeline_started_at").asText())
                .isEqualTo(finished.minusMinutes(1).toInstant().toString())
                .endsWith(":00Z");
        assertThat(document.get("pipeline_finished_at").asText()).matches(".*T\\d{2}:\\d{2}:00Z");
        assertThat(document.get("rows_as_of").asText()).matches(".*T\\d{2}:\\d{2}:00Z");
    }

    @Test
    default void decimalsAreStoredAsTheExactNumbersSentAndARepeatIsComparedOnThem() throws Exception {
        Map<String, Object> message = new java.util.LinkedHashMap<>(source().report());
        message.put("inputs", Map.of("rate", "RATE"));
        message.put("pipeline_logs", List.of(Map.of("n", "HUGE", "price", "PRICE")));
        String template = MAPPER.writeValueAsString(message)
                .replace("\"HUGE\"", "1e400")
                .replace("\"PRICE\"", "1.50")
                .replaceFirst("\\{", "{\"upstream_score\": 3.141592653589793238462643383279,");
        String sent = template.replace("\"RATE\"", "0.10000000000000000000001");
        post(ApiTestSupport.INGEST_KEY, sent).then().statusCode(201);

        ObjectMapper exact = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode logs = exact.readTree(logsOf(message.get("report_generation_id")));
        assertThat(logs.at("/0/n").decimalValue()).isEqualByComparingTo("1e400");
        assertThat(logs.at("/0/price").decimalValue()).isEqualByComparingTo("1.5");
        JsonNode document = storedRawInputs(exact, message.get("report_generation_id"));
        assertThat(document.at("/inputs/rate").decimalValue()).isEqualByComparingTo("0.10000000000000000000001");
        assertThat(document.at("/unknown_fields/upstream_score").decimalValue())
                .isEqualByComparingTo("3.141592653589793238462643383279");

        post(ApiTestSupport.INGEST_KEY, sent).then().statusCode(200);
        post(ApiTestSupport.INGEST_KEY, template.replace("\"RATE\"", "0.1"))
                .then()
                .statusCode(409)
                .body("errors.field", equalTo(List.of("inputs")));
    }

    @Test
    default void aRepeatWithDifferentContentIs409NamingTheFieldsAndChangesNothing() throws Exception {
        Map<String, Object> message = source().report();
        message.put("pdf", Map.of("uri", "s3://r/a.pdf", "sha256", "cd".repeat(32)));
        post(ApiTestSupport.INGEST_KEY, message).then().statusCode(201);
        post(ApiTestSupport.INGEST_KEY, message).then().statusCode(200);
        Map<String, Object> renamed = new java.util.LinkedHashMap<>(message);
        renamed.put("pdf", Map.of("uri", "s3://r/a.pdf", "sha256", "CD".repeat(32)));
        post(ApiTestSupport.INGEST_KEY, renamed).then().statusCode(200);

        Map<String, Object> changed = new java.util.LinkedHashMap<>(message);
        changed.put("template_version_id", "tpl@v2");
        changed.put(
                "pipeline_finished_at",
                OffsetDateTime.parse((String) message.get("pipeline_finished_at"))
                        .plusSeconds(5)
                        .toString());
        changed.remove("pdf");
        post(ApiTestSupport.INGEST_KEY, changed)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("conflicting-completion"))
                .body("errors.field", hasItems("template_version_id", "pipeline_finished_at", "pdf.sha256"))
                .body("errors.find { it.field == 'template_version_id' }.message", containsString("tpl@v1"));
        assertThat(jdbc().queryForObject(
                                "SELECT template_version_id FROM report_lineage WHERE report_generation_id = ?",
                                String.class,
                                UUID.fromString((String) message.get("report_generation_id"))))
                .isEqualTo("tpl@v1");
    }

    @Test
    default void aRepeatWithDifferentLogsInputsOrExtraFieldsIs409NamingThemAndAnExactRepeatInAnyKeyOrderIs200()
            throws Exception {
        Map<String, Object> message = new java.util.LinkedHashMap<>(source().report());
        message.put("pipeline_logs", List.of(Map.of("msg", "x", "level", "INFO")));
        message.put("inputs", new java.util.LinkedHashMap<>(Map.of("a", 1, "b", Map.of("c", 2))));
        message.put("pdf", Map.of("uri", "s3://r/a.pdf", "sha256", "ef".repeat(32)));
        post(ApiTestSupport.INGEST_KEY, message).then().statusCode(201);

        // the same JSON with every object's keys in another order is the same completion
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        List<String> keys = new ArrayList<>(message.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(key -> reordered.put(key, message.get(key)));
        reordered.put("inputs", new java.util.LinkedHashMap<>(Map.of("b", Map.of("c", 2), "a", 1)));
        post(ApiTestSupport.INGEST_KEY, MAPPER.writeValueAsString(reordered))
                .then()
                .statusCode(200);

        Map<String, Object> logs = new java.util.LinkedHashMap<>(message);
        logs.put("pipeline_logs", List.of(Map.of("msg", "y", "level", "INFO")));
        post(ApiTestSupport.INGEST_KEY, logs)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("conflicting-completion"))
                .body("errors.field", equalTo(List.of("pipeline_logs")));

        Map<String, Object> inputs = new java.util.LinkedHashMap<>(message);
        inputs.put("inputs", Map.of("a", 2, "b", Map.of("c", 2)));
        post(ApiTestSupport.INGEST_KEY, inputs).then().statusCode(409).body("errors.field", equalTo(List.of("inputs")));

        Map<String, Object> extra = new java.util.LinkedHashMap<>(message);
        extra.put("upstream_trace", "t-1");
        extra.put("pdf", Map.of("uri", "s3://r/b.pdf", "sha256", "ef".repeat(32)));
        post(ApiTestSupport.INGEST_KEY, extra)
                .then()
                .statusCode(409)
                .body("errors.field", hasItems("upstream_trace", "pdf.uri"));

        String logsStored = logsOf(message.get("report_generation_id"));
        assertThat(logsStored).contains("\"x\"").doesNotContain("\"y\"");
    }

    @Test
    default void inputsThatAreNotAnObjectAre400NamingInputs() {
        Map<String, Object> message = source().report();
        message.put("inputs", List.of(1));
        post(ApiTestSupport.INGEST_KEY, message)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("inputs")));
        message.put("inputs", "text");
        post(ApiTestSupport.INGEST_KEY, message).then().statusCode(400).body("errors.field", hasItems("inputs"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void aTripletThatContradictsItsReportGenerationIs422NamingTheFields() {
        Map<String, Object> message = source().report();
        message.put("lead_id", UUID.randomUUID().toString());
        message.put("template_version_id", "tpl@elsewhere");
        post(ApiTestSupport.INGEST_KEY, message)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("report-generation-mismatch"))
                .body("errors.field", hasItems("lead_id", "template_version_id"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();

        // where the report generation does not know a field, the completion's is taken
        Map<String, Object> partial = source().report();
        jdbc().update(
                        "UPDATE d6_report_generations SET pipeline_run_id = NULL, template_version_id = NULL WHERE id = ?",
                        UUID.fromString((String) partial.get("report_generation_id")));
        partial.put("template_version_id", "tpl@from-the-message");
        post(ApiTestSupport.INGEST_KEY, partial).then().statusCode(201);
    }

    @Test
    default void malformedAndEmptyBodiesGet400() {
        post(ApiTestSupport.INGEST_KEY, "{\"report_generation_id\": ")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("body"));
        as(ApiTestSupport.INGEST_KEY)
                .contentType("application/json")
                .post("/api/lineage/completions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("body"));
        post(ApiTestSupport.INGEST_KEY, "[1, 2]").then().statusCode(400);
    }

    @Test
    default void aBodyThatIsNotUtf8Gets400NamingTheBodyNot500() throws Exception {
        Map<String, Object> message = source().report();
        byte[] utf8 = MAPPER.writeValueAsBytes(message);
        String json = new String(utf8, StandardCharsets.UTF_8);
        List<byte[]> broken = List.of(
                replace(utf8, "tpl@v1", new byte[] {'t', 'p', 'l', (byte) 0xff, (byte) 0xfe}),
                replace(utf8, "tpl@v1", new byte[] {'t', 'p', 'l', (byte) 0xc3}),
                replace(utf8, "tpl@v1", new byte[] {'t', 'p', 'l', (byte) 0xe9}));
        for (byte[] body : broken) {
            as(ApiTestSupport.INGEST_KEY)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/lineage/completions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", containsString("invalid-completion"))
                    .body("errors.field", hasItems("body"))
                    .body("errors[0].message", containsString("UTF-8"));
        }
        for (String charset : List.of("ISO-8859-1", "UTF-16")) {
            as(ApiTestSupport.INGEST_KEY)
                    .contentType("application/json; charset=" + charset)
                    .body(json.getBytes(java.nio.charset.Charset.forName(charset)))
                    .post("/api/lineage/completions")
                    .then()
                    .statusCode(415)
                    .contentType("application/problem+json");
        }
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
        // the same message in UTF-8, also when the charset is named, is captured
        as(ApiTestSupport.INGEST_KEY)
                .contentType("application/json; charset=UTF-8")
                .body(utf8)
                .post("/api/lineage/completions")
                .then()
                .statusCode(201);
    }

    private static byte[] replace(byte[] body, String text, byte[] with) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        return s.replace(text, new String(with, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    default void bodiesAboveTheLimitGet413() {
        Map<String, Object> message = source().report();
        message.put("inputs", Map.of("blob", "x".repeat(1_100_000)));
        post(ApiTestSupport.INGEST_KEY, message)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void aReportGenerationThatDoesNotExistGets422() {
        Map<String, Object> message = source().report();
        message.put("report_generation_id", UUID.randomUUID().toString());
        post(ApiTestSupport.INGEST_KEY, message)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("unknown-report-generation"));
    }

    @Test
    default void callersWithoutAValidKeyGet401AndOtherRolesGet403() {
        Map<String, Object> message = source().report();
        RestAssured.given()
                .contentType("application/json")
                .body(message)
                .post("/api/lineage/completions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        post("not-a-configured-key-at-all", message).then().statusCode(401).contentType("application/problem+json");
        post(ApiTestSupport.VIEWER_KEY, message)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        post(ApiTestSupport.ADMIN_KEY, message).then().statusCode(201);
    }

    @Test
    default void healthIsOpenAndMetricsCountCaptures() {
        RestAssured.get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/actuator/prometheus").then().statusCode(401);
        post(ApiTestSupport.INGEST_KEY, source().report()).then().statusCode(201);
        post(ApiTestSupport.INGEST_KEY, "{}").then().statusCode(400);
        String metrics = as(ApiTestSupport.ADMIN_KEY)
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .contains("lineage_captured_total{")
                .contains("lineage_rejected_total{")
                .contains("lineage_raw_inputs_stored_bytes_count")
                .contains("lineage_raw_inputs_compression_ratio");
        assertThat(metrics)
                .as("Camel's per-route timers (README, Observability), without the context-wide copy")
                .containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"capture-completion-http\"")
                .doesNotContain("eventType=\"context\"");
    }

    private String logsOf(Object reportId) {
        Object logs = jdbc().queryForObject(
                        "SELECT pipeline_logs FROM report_lineage WHERE report_generation_id = ?",
                        Object.class,
                        UUID.fromString(reportId.toString()));
        if (logs instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(logs);
    }

    /** The raw-input document as stored (gunzipped), read with {@code mapper}. */
    private JsonNode storedRawInputs(ObjectMapper mapper, Object reportGenerationId) throws java.io.IOException {
        byte[] gzip = jdbc().queryForObject(
                        "SELECT raw_inputs_compressed FROM report_lineage WHERE report_generation_id = ?",
                        byte[].class,
                        UUID.fromString((String) reportGenerationId));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return mapper.readTree(in.readAllBytes());
        }
    }
}
