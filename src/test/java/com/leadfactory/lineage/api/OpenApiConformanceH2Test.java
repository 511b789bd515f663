package com.leadfactory.lineage.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.auditlog.AuditCheckpointer;
import com.leadfactory.lineage.support.H2ApiTestBase;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi30;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Real answers against the OpenAPI document the service serves: for a representative call of every operation,
 * its successes and its problem answers, the status is one the operation declares, the Content-Type one that
 * status declares, and a JSON body validates against the declared schema (OpenAPI 3.0 dialect: {@code nullable}
 * honoured). A client generated from the document must be able to read every answer it gets.
 */
class OpenApiConformanceH2Test extends H2ApiTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PURPOSE = "SUP-1 contract check";
    private static final String NONE = "00000000-0000-7000-8000-000000000000";

    @Autowired
    AuditCheckpointer checkpointer;

    /** Where the schemas' references point: the served document, handed to the validator as text. */
    private static final String DOCUMENT_IRI = "https://lineage-panel.test/api/openapi.json";

    private JsonNode document;
    private SchemaRegistry schemas;
    private final List<String> violations = new ArrayList<>();
    private final Set<String> exercised = new HashSet<>();

    @Test
    void everyOperationAnswersWhatTheServedDocumentDeclares() throws Exception {
        loadDocument();

        // capture: 201, 200 (the same again), 409, 422, 400, 415, 401, 403
        OffsetDateTime finished =
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).withNano(0);
        UUID lead = UUID.randomUUID();
        source.assessment(lead, "score", "{\"score\": 7}", finished.minusMinutes(1));
        Map<String, Object> message = source.report(lead, finished.minusSeconds(40), finished);
        message.put("pdf", Map.of("uri", "s3://reports/a.pdf", "sha256", "ab".repeat(32), "size_bytes", 10));
        message.put("pipeline_logs", List.of(Map.of("level", "INFO", "msg", "rendered")));
        String report = (String) message.get("report_generation_id");
        String lineage = check(
                        "POST",
                        "/lineage/completions",
                        201,
                        json(INGEST_KEY).body(message).post("/api/lineage/completions"))
                .jsonPath()
                .getString("lineage_id");
        check(
                "POST",
                "/lineage/completions",
                200,
                json(INGEST_KEY).body(message).post("/api/lineage/completions"));
        Map<String, Object> changed = new LinkedHashMap<>(message);
        changed.put("inputs", Map.of("changed", true));
        check(
                "POST",
                "/lineage/completions",
                409,
                json(INGEST_KEY).body(changed).post("/api/lineage/completions"));
        Map<String, Object> unknown = new LinkedHashMap<>(message);
        unknown.put("report_generation_id", UUID.randomUUID().toString());
        check(
                "POST",
                "/lineage/completions",
                422,
                json(INGEST_KEY).body(unknown).post("/api/lineage/completions"));
        check("POST", "/lineage/completions", 400, json(INGEST_KEY).body("{}").post("/api/lineage/completions"));
        check(
                "POST",
                "/lineage/completions",
                415,
                as(INGEST_KEY).contentType("text/plain").body("x").post("/api/lineage/completions"));
        check(
                "POST",
                "/lineage/completions",
                401,
                given().contentType("application/json").body(message).post("/api/lineage/completions"));
        check(
                "POST",
                "/lineage/completions",
                403,
                json(VIEWER_KEY).body(message).post("/api/lineage/completions"));
        // a second report of the same lead, to compare with
        Map<String, Object> second = source.report(lead, finished.minusSeconds(20), finished.plusSeconds(10));
        postCompletion(second);
        String report2 = (String) second.get("report_generation_id");

        // reads
        check("GET", "/lineage/{report_id}", 200, as(VIEWER_KEY).get("/api/lineage/" + report));
        check("GET", "/lineage/{report_id}", 404, as(VIEWER_KEY).get("/api/lineage/" + NONE));
        check("GET", "/lineage/{report_id}", 400, as(VIEWER_KEY).get("/api/lineage/not-a-uuid"));
        check("GET", "/lineage/{report_id}", 403, as(INGEST_KEY).get("/api/lineage/" + report));
        check("GET", "/lineage/search", 200, as(VIEWER_KEY).get("/api/lineage/search?lead_id=" + lead));
        check("GET", "/lineage/search", 400, as(VIEWER_KEY).get("/api/lineage/search?lead=" + lead));
        // a report found by its lineage id (the panel's search): the filter is in the document, the answer is a page
        assertThat(document.at("/paths/~1lineage~1search/get/parameters").findValuesAsText("name"))
                .contains("lineage_id");
        assertThat(check("GET", "/lineage/search", 200, as(VIEWER_KEY).get("/api/lineage/search?lineage_id=" + lineage))
                        .jsonPath()
                        .getString("items[0].report_generation_id"))
                .isEqualTo(report);
        check("GET", "/lineage/search", 400, as(VIEWER_KEY).get("/api/lineage/search?lineage_id=" + report + "0"));
        check("GET", "/lineage/stats", 200, as(VIEWER_KEY).get("/api/lineage/stats"));
        check("GET", "/lineage/stats", 403, as(INGEST_KEY).get("/api/lineage/stats"));
        check("GET", "/lineage/{lineage_id}/logs", 200, as(VIEWER_KEY).get("/api/lineage/" + lineage + "/logs"));
        check("GET", "/lineage/{lineage_id}/logs", 404, as(VIEWER_KEY).get("/api/lineage/" + NONE + "/logs"));
        Response download =
                check("GET", "/lineage/{lineage_id}/download", 200, auditor().get(downloadPath(lineage)));
        check(
                "GET",
                "/lineage/{lineage_id}/download",
                304,
                auditor().header("If-None-Match", download.getHeader("ETag")).get(downloadPath(lineage)));
        check("GET", "/lineage/{lineage_id}/download", 400, as(AUDITOR_KEY).get(downloadPath(lineage)));
        check("GET", "/lineage/{lineage_id}/download", 404, auditor().get(downloadPath(NONE)));
        check("GET", "/lineage/{lineage_id}/download", 403, as(VIEWER_KEY).get(downloadPath(lineage)));
        check("GET", "/lineage/{lineage_id}/bundle", 200, auditor().get("/api/lineage/" + lineage + "/bundle"));
        check("GET", "/lineage/{lineage_id}/bundle", 400, as(AUDITOR_KEY).get("/api/lineage/" + lineage + "/bundle"));
        check("GET", "/lineage/{lineage_id}/raw-inputs", 200, auditor().get("/api/lineage/" + lineage + "/raw-inputs"));
        check(
                "GET",
                "/lineage/{lineage_id}/raw-inputs",
                400,
                as(AUDITOR_KEY).get("/api/lineage/" + lineage + "/raw-inputs"));
        check(
                "GET",
                "/lineage/{lineage_id}/openlineage",
                200,
                as(VIEWER_KEY).get("/api/lineage/" + lineage + "/openlineage"));
        check(
                "GET",
                "/lineage/{lineage_id}/openlineage",
                404,
                as(VIEWER_KEY).get("/api/lineage/" + NONE + "/openlineage"));
        check("GET", "/lineage/compare", 200, as(VIEWER_KEY).get("/api/lineage/compare?a=" + report + "&b=" + report2));
        check("GET", "/lineage/compare", 200, auditor().get("/api/lineage/compare?a=" + report + "&b=" + report2));
        check("GET", "/lineage/compare", 400, as(VIEWER_KEY).get("/api/lineage/compare?a=" + report + "&b=" + report));
        check("GET", "/lineage/compare", 404, as(VIEWER_KEY).get("/api/lineage/compare?a=" + report + "&b=" + NONE));
        check("GET", "/templates", 200, as(VIEWER_KEY).get("/api/templates"));
        check("GET", "/me", 200, as(VIEWER_KEY).get("/api/me"));
        check("GET", "/me", 401, given().get("/api/me"));

        // holds
        String hold = "/api/lineage/" + lineage + "/hold";
        check(
                "PUT",
                "/lineage/{lineage_id}/hold",
                201,
                json(ADMIN_KEY).body("{\"reason\": \"LIT-1\"}").put(hold));
        check(
                "PUT",
                "/lineage/{lineage_id}/hold",
                200,
                json(ADMIN_KEY).body("{\"reason\": \"LIT-1\"}").put(hold));
        check(
                "PUT",
                "/lineage/{lineage_id}/hold",
                400,
                json(ADMIN_KEY).body("{\"why\": \"LIT-1\"}").put(hold));
        check(
                "PUT",
                "/lineage/{lineage_id}/hold",
                403,
                json(AUDITOR_KEY).body("{\"reason\": \"LIT-1\"}").put(hold));
        check("DELETE", "/lineage/{lineage_id}/hold", 204, as(ADMIN_KEY).delete(hold));
        check("DELETE", "/lineage/{lineage_id}/hold", 404, as(ADMIN_KEY).delete("/api/lineage/" + NONE + "/hold"));
        String leadHold = "/api/leads/" + lead + "/hold";
        check(
                "PUT",
                "/leads/{lead_id}/hold",
                201,
                json(ADMIN_KEY).body("{\"reason\": \"LIT-2\"}").put(leadHold));
        check("DELETE", "/leads/{lead_id}/hold", 204, as(ADMIN_KEY).delete(leadHold));

        // accesses recorded by another system
        String access = "{\"action\": \"pdf_view\", \"on_behalf_of\": \"alice@crm\", \"occurred_at\": \"" + finished
                + "\", \"event_id\": \"crm-" + UUID.randomUUID() + "\"}";
        String trail = "/api/lineage/" + lineage + "/audit";
        check(
                "POST",
                "/lineage/{lineage_id}/audit",
                201,
                json(AUDIT_WRITER_KEY).body(access).post(trail));
        check(
                "POST",
                "/lineage/{lineage_id}/audit",
                200,
                json(AUDIT_WRITER_KEY).body(access).post(trail));
        check(
                "POST",
                "/lineage/{lineage_id}/audit",
                409,
                json(AUDIT_WRITER_KEY)
                        .body(access.replace("pdf_view", "pdf_print"))
                        .post(trail));
        check(
                "POST",
                "/lineage/{lineage_id}/audit",
                400,
                json(AUDIT_WRITER_KEY).body("{}").post(trail));
        check(
                "POST",
                "/lineage/{lineage_id}/audit",
                404,
                json(AUDIT_WRITER_KEY)
                        .body(access.replace("\"crm-", "\"crm-other-"))
                        .post("/api/lineage/" + NONE + "/audit"));

        // the audit trail and its proofs
        check("GET", "/lineage/{lineage_id}/audit", 200, as(AUDITOR_KEY).get(trail));
        check("GET", "/lineage/{lineage_id}/audit", 403, as(VIEWER_KEY).get(trail));
        check("GET", "/audit", 200, as(AUDITOR_KEY).get("/api/audit?limit=5"));
        check("GET", "/audit", 200, as(AUDITOR_KEY).accept("text/csv").get("/api/audit?lineage_id=" + lineage));
        check(
                "GET",
                "/audit",
                200,
                as(AUDITOR_KEY).accept("application/x-ndjson").get("/api/audit?lineage_id=" + lineage));
        check("GET", "/audit", 400, as(AUDITOR_KEY).get("/api/audit?outcome=maybe"));
        check("GET", "/audit", 400, as(AUDITOR_KEY).accept("text/csv").get("/api/audit?limit=5"));
        String auditId = as(AUDITOR_KEY).get(trail).jsonPath().getString("items[0].id");
        checkpointer.checkpoint();
        check("GET", "/audit/verify", 200, as(AUDITOR_KEY).get("/api/audit/verify"));
        check("GET", "/audit/verify", 400, as(AUDITOR_KEY).get("/api/audit/verify?from=x"));
        Response checkpoints =
                check("GET", "/audit/checkpoints", 200, as(VIEWER_KEY).get("/api/audit/checkpoints"));
        check("GET", "/audit/checkpoints", 400, as(VIEWER_KEY).get("/api/audit/checkpoints?limit=0"));
        check("GET", "/audit/public-key", 200, as(VIEWER_KEY).get("/api/audit/public-key"));
        check("GET", "/audit/{audit_id}/proof", 200, as(AUDITOR_KEY).get("/api/audit/" + auditId + "/proof"));
        check("GET", "/audit/{audit_id}/proof", 404, as(AUDITOR_KEY).get("/api/audit/" + NONE + "/proof"));
        long newest = checkpoints.jsonPath().getLong("[0].size");
        check("GET", "/audit/consistency", 200, as(AUDITOR_KEY).get("/api/audit/consistency?first=1"));
        check("GET", "/audit/consistency", 400, as(AUDITOR_KEY).get("/api/audit/consistency"));
        check(
                "GET",
                "/audit/consistency",
                404,
                as(AUDITOR_KEY).get("/api/audit/consistency?first=1&second=" + (newest + 1000)));

        // OpenLineage in
        String complete = completeEvent();
        check("POST", "/v1/lineage", 201, json(INGEST_KEY).body(complete).post("/api/v1/lineage"));
        Response resent = check(
                "POST", "/v1/lineage", 200, json(INGEST_KEY).body(complete).post("/api/v1/lineage"));
        // a resent COMPLETE answers the record's summary, an event not stored an acknowledgement: both declared
        assertThat(resent.jsonPath().getString("lineage_id")).isNotNull();
        assertThat(document.at("/paths/~1v1~1lineage/post/responses/200/content/application~1json/schema/anyOf")
                        .findValuesAsText("$ref"))
                .containsExactlyInAnyOrder(
                        "#/components/schemas/OpenLineageAcknowledgement", "#/components/schemas/LineageSummary");
        check("POST", "/v1/lineage", 200, json(INGEST_KEY).body(startEvent()).post("/api/v1/lineage"));
        check("POST", "/v1/lineage", 400, json(INGEST_KEY).body("").post("/api/v1/lineage"));

        assertThat(violations)
                .as("answers the served OpenAPI document does not declare")
                .isEmpty();
        assertThat(exercised).as("every operation of the document was called").containsAll(operations());
    }

    private RequestSpecification given() {
        return io.restassured.RestAssured.given().port(port);
    }

    private RequestSpecification json(String key) {
        return as(key).contentType("application/json");
    }

    private RequestSpecification auditor() {
        return as(AUDITOR_KEY).header("X-Access-Purpose", PURPOSE);
    }

    private static String downloadPath(String lineage) {
        return "/api/lineage/" + lineage + "/download";
    }

    private String completeEvent() {
        Map<String, Object> message = source.report();
        ObjectNode event = runEvent("COMPLETE", message);
        ObjectNode report = ((ObjectNode) event.path("run").path("facets")).putObject("lineagePanel_report");
        report.put("_producer", "https://example.test/pipeline");
        report.put("_schemaURL", "https://lineage.example.test/assets/openlineage/facets/report-1-0-0.json");
        report.put("leadId", message.get("lead_id").toString());
        report.put("templateVersionId", message.get("template_version_id").toString());
        report.put("pipelineStartedAt", message.get("pipeline_started_at").toString());
        report.put("pipelineRunId", message.get("pipeline_run_id").toString());
        return event.toString();
    }

    private String startEvent() {
        return runEvent("START", source.report()).toString();
    }

    private static ObjectNode runEvent(String type, Map<String, Object> message) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("eventType", type);
        event.put("eventTime", message.get("pipeline_finished_at").toString());
        event.put("producer", "https://example.test/pipeline");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run")
                .put("runId", message.get("report_generation_id").toString())
                .putObject("facets");
        event.putObject("job").put("namespace", "pipeline").put("name", "render_report");
        return event;
    }

    private void loadDocument() throws IOException {
        String text = as(VIEWER_KEY)
                .get("/api/openapi.json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        document = MAPPER.readTree(text);
        schemas = SchemaRegistry.withDefaultDialect(
                OpenApi30.getInstance(), builder -> builder.schemas(Map.of(DOCUMENT_IRI, text)));
    }

    private Set<String> operations() {
        Set<String> all = new HashSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> all.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return all;
    }

    /** Checks one answer against the document; a difference is collected, so one run names them all. */
    private Response check(String method, String path, int expected, Response response) {
        String call = method + " " + path + " (" + expected + ")";
        exercised.add(method + " " + path);
        if (response.statusCode() != expected) {
            throw new AssertionError(call + ": the test expected " + expected + ", the service answered "
                    + response.statusCode() + " " + response.asString());
        }
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            violations.add(call + ": the document has no such operation");
            return response;
        }
        JsonNode declared = operation.path("responses").path(String.valueOf(expected));
        if (declared.isMissingNode()) {
            violations.add(call + ": status not declared (declared: "
                    + iterable(operation.path("responses").fieldNames()) + ")");
            return response;
        }
        byte[] body = response.asByteArray();
        String contentType = response.getContentType() == null
                ? ""
                : response.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode content = declared.path("content");
        if (body.length == 0) {
            return response;
        }
        if (!content.has(contentType)) {
            violations.add(call + ": Content-Type " + contentType + " not declared (declared: "
                    + iterable(content.fieldNames()) + ")");
            return response;
        }
        JsonNode schema = content.path(contentType).path("schema");
        if (schema.isMissingNode()) {
            violations.add(call + ": " + contentType + " has no schema");
        } else if (contentType.equals("application/json") || contentType.endsWith("+json")) {
            Schema validator = schemas.getSchema(absoluteRefs(schema.deepCopy()));
            try {
                validator.validate(MAPPER.readTree(body)).forEach(error -> violations.add(call + ": " + error));
            } catch (IOException e) {
                violations.add(call + ": not JSON: " + e.getMessage());
            }
        }
        return response;
    }

    /** The schema's {@code #/components/...} references made absolute, so they resolve in the document. */
    private JsonNode absoluteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.asText().startsWith("#")) {
                object.put("$ref", DOCUMENT_IRI + ref.asText());
            }
            object.elements().forEachRemaining(this::absoluteRefs);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::absoluteRefs);
        }
        return node;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
