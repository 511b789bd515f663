package com.leadfactory.lineage.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.capture.CompletionValidator;
import com.leadfactory.lineage.support.ApiTestSupport;
import com.leadfactory.lineage.support.UnguardedUpdate;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** GET /api/lineage/compare and GET /api/lineage/{lineage_id}/raw-inputs over real HTTP; H2 and PostgreSQL. */
interface CompareApiContract extends ApiTestSupport {

    String PURPOSE = "SUP-77 customer asks why the score moved";

    /** GET /api/lineage/compare?a=&b= as the given client, with X-Access-Purpose when {@code purpose} is not null. */
    private Response compare(String apiKey, String purpose, Object a, Object b) {
        RequestSpecification request = as(apiKey).queryParam("a", a).queryParam("b", b);
        return (purpose == null ? request : request.header("X-Access-Purpose", purpose)).get("/api/lineage/compare");
    }

    private Map<String, Object> capture(UUID lead, OffsetDateTime finished, String template, List<?> logs) {
        Map<String, Object> message =
                source().withTemplate(source().report(lead, finished.minusSeconds(20), finished), template);
        message.put("pipeline_logs", logs);
        return postCompletion(message);
    }

    private int auditRows(Object lineageId, String action) {
        return jdbc().queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE lineage_id = ? AND action = ?",
                        Integer.class,
                        UUID.fromString(lineageId.toString()),
                        action);
    }

    /** The outcomes of a record's compare audit rows, oldest first. */
    private List<String> compareOutcomes(Object lineageId) {
        return jdbc().queryForList(
                        "SELECT outcome FROM report_lineage_audit WHERE lineage_id = ? AND action = 'compare'"
                                + " ORDER BY accessed_at, id",
                        String.class,
                        UUID.fromString(lineageId.toString()));
    }

    private long accessCount(Object lineageId) {
        return jdbc().queryForObject(
                        "SELECT access_count FROM report_lineage WHERE id = ?",
                        Long.class,
                        UUID.fromString(lineageId.toString()));
    }

    /** Two reports of one lead; between them a row moved, a nested value changed and a row was added. */
    private Map<String, Object>[] twoReports() {
        UUID lead = UUID.randomUUID();
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        UUID first = source().assessment(lead, "score", "{\"score\": {\"value\": 61, \"band\": \"C\"}}", t0);
        UUID second = source().assessment(lead, "risk", "{\"flags\": [\"x\"]}", t0.plusSeconds(1));
        @SuppressWarnings("unchecked")
        Map<String, Object>[] reports = new Map[2];
        reports[0] = capture(
                lead,
                t0.plusMinutes(10),
                "tpl@3.1",
                List.of(Map.of("level", "INFO", "msg", "start"), Map.of("level", "INFO", "msg", "done")));
        // the second run sees the first row later than the second (reordered), a nested change and a new row
        jdbc().update("UPDATE assessment_results SET created_at = ? WHERE id = ?", t0.plusSeconds(2), first);
        jdbc().update(
                        "UPDATE assessment_results SET payload = ? WHERE id = ?",
                        jsonBind("{\"flags\": [\"x\", \"y\"]}"),
                        second);
        source().enrichment(lead, "crm", "{\"tier\": \"gold\"}", t0.plusMinutes(15));
        reports[1] = capture(
                lead,
                t0.plusMinutes(20),
                "tpl@3.2",
                List.of(Map.of("level", "INFO", "msg", "start"), Map.of("level", "WARN", "msg", "slow crm")));
        return reports;
    }

    private Object jsonBind(String json) {
        try {
            return new com.leadfactory.lineage.db.JsonColumns(jdbc().getDataSource()).bind(json);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    default void anAuditorWithoutAPurposeGetsNoInputDiffAndIsToldHowToAskForIt() {
        Map<String, Object>[] r = twoReports();
        compare(AUDITOR_KEY, null, r[0].get("report_generation_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(200)
                .body("inputs", nullValue())
                .body("inputs_need_purpose", equalTo(true))
                .body("inputs_omitted", containsString("X-Access-Purpose"))
                .body("logs", notNullValue());
        compare(VIEWER_KEY, PURPOSE, r[0].get("report_generation_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(200)
                .body("inputs", nullValue())
                .body("inputs_need_purpose", equalTo(false))
                .body("inputs_omitted", containsString("auditors only"));
        compare(AUDITOR_KEY, PURPOSE, r[0].get("report_generation_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(200)
                .body("inputs.change_count", notNullValue());
        assertThat(jdbc().queryForList(
                                "SELECT purpose FROM report_lineage_audit WHERE action = 'compare' AND lineage_id = ?"
                                        + " ORDER BY accessed_at",
                                String.class,
                                UUID.fromString((String) r[1].get("lineage_id"))))
                .as("the stated purpose is on the compare's audit row")
                .endsWith(PURPOSE);
    }

    @Test
    default void auditorsSeeBothSidesAndTheInputDiffWithRowsMatchedById() {
        Map<String, Object>[] r = twoReports();
        Response response =
                compare(AUDITOR_KEY, PURPOSE, r[0].get("report_generation_id"), r[1].get("report_generation_id"));
        response.then()
                .statusCode(200)
                .contentType("application/json")
                .body("a.template_version_id", equalTo("tpl@3.1"))
                .body("b.template_version_id", equalTo("tpl@3.2"))
                .body("same.lead_id", equalTo(true))
                .body("same.template_version_id", equalTo(false))
                .body("same.raw_inputs", equalTo(false))
                .body("logs.a_levels.INFO", equalTo(2))
                .body("logs.b_levels.WARN", equalTo(1))
                .body("logs.first_divergence.index", equalTo(1))
                .body("logs.first_divergence.b.msg", equalTo("slow crm"))
                .body("inputs.identical", equalTo(false))
                .body("inputs_omitted", nullValue());
        List<Map<String, Object>> changes = response.jsonPath().getList("inputs.changes");
        List<String> paths =
                changes.stream().map(c -> c.get("op") + " " + c.get("path")).toList();
        String secondRow = "$.assessment_data[id=";
        assertThat(paths)
                .anyMatch(p -> p.startsWith("changed " + secondRow) && p.endsWith("].payload.flags[1]")
                        || p.startsWith("added " + secondRow) && p.endsWith("].payload.flags[1]"));
        assertThat(paths).anyMatch(p -> p.startsWith("added $.enrichment_data[id="));
        assertThat(paths).anyMatch(p -> p.equals("changed $.template_version_id"));
        // the moved row is matched by id: only its created_at differs, never its position
        assertThat(paths).noneMatch(p -> p.contains("assessment_data[0]") || p.contains("assessment_data[1]"));
        assertThat(paths).anyMatch(p -> p.startsWith("changed $.assessment_data[id=") && p.endsWith(".created_at"));
        Map<String, Object> template = changes.stream()
                .filter(c -> "$.template_version_id".equals(c.get("path")))
                .findFirst()
                .orElseThrow();
        assertThat(template).containsEntry("a", "tpl@3.1").containsEntry("b", "tpl@3.2");
        // one audit row per record, each read counted
        assertThat(auditRows(r[0].get("lineage_id"), "compare")).isEqualTo(1);
        assertThat(auditRows(r[1].get("lineage_id"), "compare")).isEqualTo(1);
    }

    /** A source row's numbers are stored and diffed as the source has them, not as doubles. */
    @Test
    default void aNumberThatChangesBeyondADoublesPrecisionIsStoredAndDiffedExactly() {
        UUID lead = UUID.randomUUID();
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        UUID row = source().assessment(lead, "rate", "{\"rate\": 0.12345678901234567891, \"tiny\": 1e-400}", t0);
        Map<String, Object> first = capture(lead, t0.plusMinutes(10), "tpl@3.1", List.of());
        jdbc().update(
                        "UPDATE assessment_results SET payload = ? WHERE id = ?",
                        jsonBind("{\"rate\": 0.12345678901234567899, \"tiny\": 1e-400}"),
                        row);
        Map<String, Object> second = capture(lead, t0.plusMinutes(20), "tpl@3.1", List.of());

        String raw = as(AUDITOR_KEY)
                .header("X-Access-Purpose", PURPOSE)
                .get("/api/lineage/" + first.get("lineage_id") + "/raw-inputs")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(raw).contains("\"rate\":0.12345678901234567891").doesNotContain("\"tiny\":0.0");
        String diff = compare(
                        AUDITOR_KEY, PURPOSE, first.get("report_generation_id"), second.get("report_generation_id"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(diff).contains("\"a\":0.12345678901234567891").contains("\"b\":0.12345678901234567899");
    }

    @Test
    default void viewersGetTheSummariesAndLogsButNotTheInputDiff() {
        Map<String, Object>[] r = twoReports();
        compare(VIEWER_KEY, null, r[1].get("report_generation_id"), r[0].get("report_generation_id"))
                .then()
                .statusCode(200)
                .body("a.lineage_id", equalTo(r[1].get("lineage_id")))
                .body("inputs", nullValue())
                .body("inputs_omitted", containsString("auditors"))
                .body("a.access_count", equalTo(1));
    }

    @Test
    default void aTruncatedDocumentIsDiffedAndFlagged() throws Exception {
        Map<String, Object>[] r = twoReports();
        // b's stored document as the size cap would have left it: its rows dropped and a truncation note
        UUID lineageB = UUID.fromString((String) r[1].get("lineage_id"));
        byte[] gzip = jdbc().queryForObject(
                        "SELECT raw_inputs_compressed FROM report_lineage WHERE id = ?", byte[].class, lineageB);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode document =
                (ObjectNode) mapper.readTree(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip)));
        document.putArray("enrichment_data");
        document.putObject("truncation").put("dropped_enrichment_rows", 1).put("reason", "size cap");
        byte[] json = mapper.writeValueAsBytes(document);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(json);
        }
        UnguardedUpdate.ofLineage(
                jdbc(),
                "UPDATE report_lineage SET raw_inputs_compressed = ?, raw_inputs_size_bytes = ?, truncated = TRUE,"
                        + " raw_inputs_sha256 = ? WHERE id = ?",
                out.toByteArray(),
                json.length,
                "f".repeat(64),
                lineageB);
        Response response =
                compare(AUDITOR_KEY, PURPOSE, r[0].get("report_generation_id"), r[1].get("report_generation_id"));
        response.then()
                .statusCode(200)
                .body("inputs.b_truncated", equalTo(true))
                .body("inputs.a_truncated", equalTo(false))
                .body("inputs.note", containsString("truncated"));
        List<String> paths = response.jsonPath().getList("inputs.changes.path");
        assertThat(paths).contains("$.truncation").noneMatch(p -> p.startsWith("$.enrichment_data"));
    }

    @Test
    default void badInputIsAProblemNamingTheParameter() {
        Map<String, Object>[] r = twoReports();
        Object reportA = r[0].get("report_generation_id");
        compare(VIEWER_KEY, null, reportA, reportA)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("b"));
        as(VIEWER_KEY)
                .queryParam("b", reportA)
                .get("/api/lineage/compare")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("a"));
        compare(VIEWER_KEY, null, reportA, "nope")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("b"))
                .body("errors[0].message", containsString("UUID"));
        // a lineage id where a report id belongs: named as the wrong kind of id
        compare(VIEWER_KEY, null, r[0].get("lineage_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("a"))
                .body("errors[0].message", containsString("lineage_id"));
        // so are a lead id and a pipeline run id, which a support person may paste instead
        compare(VIEWER_KEY, null, reportA, r[1].get("lead_id"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("b"))
                .body("errors[0].message", containsString("is a lead_id, not a report id"))
                .body("errors[0].message", containsString("search?lead_id=" + r[1].get("lead_id")));
        compare(VIEWER_KEY, null, r[0].get("pipeline_run_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("a"))
                .body("errors[0].message", containsString("is a pipeline_run_id, not a report id"));
        UUID missing = UUID.randomUUID();
        compare(VIEWER_KEY, null, reportA, missing)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(missing.toString()));
        Integer notFound = jdbc().queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'compare' AND outcome = 'not_found'"
                                + " AND details LIKE ?",
                        Integer.class,
                        "%" + missing + "%");
        assertThat(notFound).isEqualTo(1);
        // nothing of a was returned by any of these: never counted, never audited as read
        assertThat(accessCount(r[0].get("lineage_id"))).isZero();
        assertThat(compareOutcomes(r[0].get("lineage_id"))).isNotEmpty().doesNotContain("ok");
    }

    @Test
    default void aFailedCompareCountsNothingAndAuditsBothSidesHonestly() {
        Map<String, Object>[] r = twoReports();
        UUID missing = UUID.randomUUID();
        compare(VIEWER_KEY, null, r[0].get("report_generation_id"), missing)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(accessCount(r[0].get("lineage_id"))).isZero();
        assertThat(compareOutcomes(r[0].get("lineage_id"))).containsExactly("error");
        String details = jdbc().queryForObject(
                        "SELECT details FROM report_lineage_audit WHERE action = 'compare' AND lineage_id = ?",
                        String.class,
                        UUID.fromString((String) r[0].get("lineage_id")));
        assertThat(details).contains("not-found").contains("404");
        // a lineage id where b's report id belongs: a 400, a is not counted either
        compare(VIEWER_KEY, null, r[0].get("report_generation_id"), r[1].get("lineage_id"))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("b"));
        assertThat(accessCount(r[0].get("lineage_id"))).isZero();
        assertThat(compareOutcomes(r[0].get("lineage_id"))).containsExactly("error", "error");
        // a success counts both
        compare(VIEWER_KEY, null, r[0].get("report_generation_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(200)
                .body("a.access_count", equalTo(1));
        assertThat(compareOutcomes(r[0].get("lineage_id"))).containsExactly("error", "error", "ok");
    }

    @Test
    default void a400NamesEveryOffendingParameter() {
        as(VIEWER_KEY)
                .queryParam("a", "{}")
                .queryParam("b", "<script>")
                .get("/api/lineage/compare")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("a", "b"));
        as(VIEWER_KEY)
                .get("/api/lineage/compare")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("a", "b"));
    }

    @Test
    default void aDocumentAsDeepAsCaptureAcceptsIsDiffed() throws Exception {
        Map<String, Object>[] r = twoReports();
        UUID lead = UUID.fromString((String) r[0].get("lead_id"));
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        Map<String, Object> message =
                source().withTemplate(source().report(lead, finished.minusSeconds(20), finished), "tpl@3.2");
        String json = new ObjectMapper().writeValueAsString(message);
        // the deepest unknown field capture accepts; storing it under unknown_fields adds levels
        int depth = CompletionValidator.MAX_NESTING;
        String body = json.substring(0, json.lastIndexOf('}')) + ",\"deep\":" + "[".repeat(depth) + "1"
                + "]".repeat(depth) + "}";
        Response captured =
                as(INGEST_KEY).contentType("application/json").body(body).post("/api/lineage/completions");
        assertThat(captured.statusCode())
                .as("capture accepts the deepest field it allows")
                .isEqualTo(201);
        Map<String, Object> deep = captured.jsonPath().getMap("");
        Response response =
                compare(AUDITOR_KEY, PURPOSE, r[1].get("report_generation_id"), deep.get("report_generation_id"));
        response.then().statusCode(200).contentType("application/json");
        // read with Jackson (limits raised): RestAssured's JSON path recurses through the deep value and overflows
        ObjectMapper deepReader = new ObjectMapper();
        deepReader
                .getFactory()
                .setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxNestingDepth(5000)
                        .build());
        JsonNode answer = deepReader.readTree(response.asByteArray());
        assertThat(answer.at("/inputs/identical").asBoolean()).isFalse();
        assertThat(answer.at("/inputs/changes").findValuesAsText("path")).contains("$.unknown_fields.deep");
        assertThat(compareOutcomes(deep.get("lineage_id"))).containsExactly("ok");
        assertThat(accessCount(deep.get("lineage_id"))).isEqualTo(1);
    }

    @Test
    default void anAnswerThatFailsOnTheServerIsAProblemAndAuditedAsError() {
        Map<String, Object>[] r = twoReports();
        // b's stored gzip is damaged: the diff cannot read it
        UnguardedUpdate.ofLineage(
                jdbc(),
                "UPDATE report_lineage SET raw_inputs_compressed = ? WHERE id = ?",
                new byte[] {31, -117, 8, 0, 1, 2, 3},
                UUID.fromString((String) r[1].get("lineage_id")));
        compare(AUDITOR_KEY, PURPOSE, r[0].get("report_generation_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", containsString("internal-error"));
        assertThat(compareOutcomes(r[0].get("lineage_id"))).containsExactly("error");
        assertThat(compareOutcomes(r[1].get("lineage_id"))).containsExactly("error");
        assertThat(accessCount(r[0].get("lineage_id"))).isZero();
        assertThat(accessCount(r[1].get("lineage_id"))).isZero();
    }

    @Test
    default void aDocumentAboveTheLimitIsRefusedWithTheLimitNamed() {
        Map<String, Object>[] r = twoReports();
        UnguardedUpdate.ofLineage(
                jdbc(),
                "UPDATE report_lineage SET raw_inputs_size_bytes = ? WHERE id = ?",
                400L * 1024 * 1024,
                UUID.fromString((String) r[1].get("lineage_id")));
        compare(AUDITOR_KEY, PURPOSE, r[0].get("report_generation_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", containsString("document-too-large-to-diff"))
                .body("detail", containsString("lineage.compare.max-document-bytes"));
        // nothing was answered: both sides audited as failed, neither counted
        assertThat(compareOutcomes(r[0].get("lineage_id"))).containsExactly("error");
        assertThat(compareOutcomes(r[1].get("lineage_id"))).containsExactly("error");
        assertThat(accessCount(r[0].get("lineage_id"))).isZero();
        // a viewer's comparison reads no document and is not limited
        compare(VIEWER_KEY, null, r[0].get("report_generation_id"), r[1].get("report_generation_id"))
                .then()
                .statusCode(200);
    }

    @Test
    default void rawInputsAreServedDecompressedAsJsonAndAudited() throws Exception {
        Map<String, Object>[] r = twoReports();
        Object lineageId = r[1].get("lineage_id");
        Response response =
                as(AUDITOR_KEY).header("X-Access-Purpose", PURPOSE).get("/api/lineage/" + lineageId + "/raw-inputs");
        response.then().statusCode(200).contentType("application/json");
        JsonNode document = new ObjectMapper().readTree(response.asByteArray());
        assertThat(document.get("report_generation_id").asText()).isEqualTo(r[1].get("report_generation_id"));
        assertThat(document.get("assessment_data")).hasSize(2);
        assertThat(document.get("enrichment_data")).hasSize(1);
        assertThat(new String(response.asByteArray(), StandardCharsets.UTF_8).length())
                .isEqualTo(((Number) r[1].get("raw_inputs_size_bytes")).intValue());
        assertThat(auditRows(lineageId, "raw_inputs_view")).isEqualTo(1);
        String purpose = jdbc().queryForObject(
                        "SELECT purpose FROM report_lineage_audit WHERE lineage_id = ? AND action = 'raw_inputs_view'",
                        String.class,
                        UUID.fromString(lineageId.toString()));
        assertThat(purpose).isEqualTo(PURPOSE);

        as(VIEWER_KEY).get("/api/lineage/" + lineageId + "/raw-inputs").then().statusCode(403);
        as(AUDITOR_KEY)
                .header("X-Access-Purpose", PURPOSE)
                .get("/api/lineage/" + UUID.randomUUID() + "/raw-inputs")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(AUDITOR_KEY)
                .header("X-Access-Purpose", PURPOSE)
                .get("/api/lineage/not-an-id/raw-inputs")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lineage_id"));
    }
}
