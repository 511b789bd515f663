package com.leadfactory.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.support.ApiTestSupport;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/lineage/{lineage_id}/openlineage and POST /api/v1/lineage over real HTTP, with delivery off (the shared
 * API test context); run against H2 and PostgreSQL by the subclasses.
 */
interface OpenLineageApiContract extends ApiTestSupport {

    ObjectMapper MAPPER = new ObjectMapper();

    private Response postEvent(String apiKey, Object event) {
        return as(apiKey).contentType("application/json").body(event).post("/api/v1/lineage");
    }

    /** A COMPLETE RunEvent as an OpenLineage-instrumented pipeline would send it for a report of SourceData. */
    private ObjectNode completeEvent(Map<String, Object> message) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("eventType", "COMPLETE");
        event.put("eventTime", message.get("pipeline_finished_at").toString());
        event.put("producer", "https://github.com/OpenLineage/OpenLineage/tree/1.55.0/client/python");
        event.put("schemaURL", RunEvents.SPEC_URL);
        ObjectNode run = event.putObject("run");
        run.put("runId", message.get("report_generation_id").toString());
        ObjectNode facets = run.putObject("facets");
        ObjectNode parent = facets.putObject("parent");
        parent.put("_producer", "https://example.test/pipeline");
        parent.put("_schemaURL", RunEvents.PARENT_FACET);
        parent.putObject("run").put("runId", message.get("pipeline_run_id").toString());
        parent.putObject("job").put("namespace", "pipeline").put("name", "report_pipeline");
        ObjectNode report = facets.putObject("lineagePanel_report");
        report.put("_producer", "https://example.test/pipeline");
        report.put(
                "_schemaURL", "https://lineage.example.test" + RunEvents.FACET_SCHEMA_PATH + "#/$defs/ReportRunFacet");
        report.put("leadId", message.get("lead_id").toString());
        report.put("templateVersionId", message.get("template_version_id").toString());
        report.put("pipelineStartedAt", message.get("pipeline_started_at").toString());
        report.putObject("pdf").put("uri", "s3://reports/in.pdf").put("sha256", "ef".repeat(32));
        event.putObject("job").put("namespace", "pipeline").put("name", "render_report");
        return event;
    }

    @Test
    default void aRecordCapturedWithDeliveryOffShowsTheEventsItWouldSendAndTheReadIsAudited() throws Exception {
        Map<String, Object> message = source().report();
        message.put("pdf", Map.of("uri", "s3://reports/a.pdf", "sha256", "ab".repeat(32), "size_bytes", 10));
        String lineageId = (String) postCompletion(message).get("lineage_id");

        String body = as(VIEWER_KEY)
                .get("/api/lineage/" + lineageId + "/openlineage")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("lineage_id", equalTo(lineageId))
                .body("run_id", equalTo(message.get("report_generation_id")))
                .body("delivery_enabled", equalTo(false))
                .body("events.event_type", org.hamcrest.Matchers.contains("START", "COMPLETE"))
                .body("events.state", org.hamcrest.Matchers.contains("not_queued", "not_queued"))
                .extract()
                .asString();

        JsonNode events = MAPPER.readTree(body).path("events");
        for (JsonNode event : events) {
            assertThat(OpenLineageSchemas.runEventViolations(event.path("event").toString()))
                    .isEmpty();
        }
        JsonNode complete = events.get(1).path("event");
        assertThat(complete.path("run").path("runId").asText()).isEqualTo(message.get("report_generation_id"));
        assertThat(complete.path("outputs")
                        .get(0)
                        .path("facets")
                        .path("version")
                        .path("datasetVersion")
                        .asText())
                .isEqualTo("ab".repeat(32));
        assertThat(complete.path("outputs").get(0).path("namespace").asText() + " "
                        + complete.path("outputs").get(0).path("name").asText())
                .as("the PDF dataset is named by the URI the completion sent, as delivery would name it")
                .isEqualTo("s3://reports a.pdf");
        JsonNode facet = complete.path("run").path("facets").path("lineagePanel_report");
        assertThat(facet.path("lineageId").asText()).isEqualTo(lineageId);
        assertThat(facet.path("pdf").path("uri").asText()).isEqualTo("s3://reports/a.pdf");
        assertThat(facet.path("pdf").path("sizeBytes").asLong()).isEqualTo(10);
        assertThat(OpenLineageSchemas.facetViolations("ReportRunFacet", facet.toString()))
                .isEmpty();
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE lineage_id = ? AND action = 'openlineage'"
                                        + " AND outcome = 'ok' AND user_id = 'test-viewer'",
                                Integer.class,
                                UUID.fromString(lineageId)))
                .isEqualTo(1);
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM openlineage_outbox WHERE run_id = ?",
                                Integer.class,
                                UUID.fromString(
                                        message.get("report_generation_id").toString())))
                .as("delivery off: nothing queued")
                .isZero();
    }

    @Test
    default void statsCountTheOutbox() {
        // the database is shared with the delivery tests' context, so only the shape and the floor are known here
        as(VIEWER_KEY)
                .get("/api/lineage/stats")
                .then()
                .statusCode(200)
                .body("openlineage.pending", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("openlineage.parked", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("openlineage", org.hamcrest.Matchers.hasKey("oldest_pending_at"));
    }

    @Test
    default void theFacetSchemaIsServedWithoutCredentials() {
        io.restassured.RestAssured.given()
                .port(port())
                .get(RunEvents.FACET_SCHEMA_PATH)
                .then()
                .statusCode(200)
                .body("$defs.ReportRunFacet.allOf[1].required", hasItem("leadId"))
                .body("$defs.TemplateJobFacet.allOf[1].required", hasItem("templateVersionId"));
    }

    @Test
    default void anUnknownRecordIs404AndABadIdIs400() {
        as(VIEWER_KEY)
                .get("/api/lineage/" + UUID.randomUUID() + "/openlineage")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(VIEWER_KEY)
                .get("/api/lineage/not-a-uuid/openlineage")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("lineage_id"));
    }

    @Test
    default void aCompleteRunEventWithTheReportFacetIsCapturedOnceLikeACompletion() {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);

        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(201)
                .header("Location", "/api/lineage/" + message.get("report_generation_id"))
                .body("report_generation_id", equalTo(message.get("report_generation_id")))
                .body("lead_id", equalTo(message.get("lead_id")))
                .body("pipeline_run_id", equalTo(message.get("pipeline_run_id")))
                .body("pdf_sha256", equalTo("ef".repeat(32)))
                .body("capture_source", equalTo("openlineage"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isEqualTo(1);

        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(200)
                .body("report_generation_id", equalTo(message.get("report_generation_id")));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isEqualTo(1);

        // the same report with another lead: the same conflict answer as a completion's, the field named by the
        // event path the producer sent it at
        ((ObjectNode) event.path("run").path("facets").path("lineagePanel_report"))
                .put("leadId", UUID.randomUUID().toString());
        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(409)
                .body("errors.field", hasItem("run.facets.lineagePanel_report.leadId"))
                .body("errors.field", not(hasItem("lead_id")))
                .body("detail", containsString("run.facets.lineagePanel_report.leadId"));
    }

    @Test
    default void aTripletThatContradictsItsReportGenerationIs422NamingTheEventPath() {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);
        ((ObjectNode) event.path("run").path("facets").path("lineagePanel_report"))
                .put("leadId", UUID.randomUUID().toString());

        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(422)
                .body("errors.field", contains("run.facets.lineagePanel_report.leadId"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    /** The OpenLineage clients' own {@code auth: api_key} sends the key as a Bearer token: it authenticates too. */
    @Test
    default void theClientsApiKeyAuthAsABearerTokenIsAccepted() {
        Map<String, Object> message = source().report();
        String event = completeEvent(message).toString();
        postWithAuthorization("Bearer " + INGEST_KEY, event)
                .then()
                .statusCode(201)
                .body("capture_source", equalTo("openlineage"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isEqualTo(1);

        postWithAuthorization("bearer " + VIEWER_KEY, event).then().statusCode(403);
        postWithAuthorization("Bearer not-a-key-of-anyone", event)
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        String basic = java.util.Base64.getEncoder()
                .encodeToString(("demo:" + INGEST_KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // another scheme is no credential here
        postWithAuthorization("Basic " + basic, event).then().statusCode(401);
    }

    private Response postWithAuthorization(String authorization, String event) {
        return io.restassured.RestAssured.given()
                .port(port())
                .header("Authorization", authorization)
                .contentType("application/json")
                .body(event)
                .post("/api/v1/lineage");
    }

    /** What the service does not read is kept, as a completion keeps its unknown fields. */
    @Test
    default void theEventIsKeptWholeInTheRawInputs() throws Exception {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);
        ((ObjectNode) event.path("run").path("facets").path("lineagePanel_report")).put("customerTier", "gold");
        ((ObjectNode) event.path("run").path("facets"))
                .putObject("nominalTime")
                .put("_producer", "https://example.test/pipeline")
                .put("_schemaURL", "https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json")
                .put("nominalStartTime", "2026-11-01T00:00:00Z");
        event.putArray("inputs")
                .addObject()
                .put("namespace", "postgres://crm:5432")
                .put("name", "crm.leads");

        String lineageId = postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(201)
                .extract()
                .path("lineage_id");
        JsonNode stored = MAPPER.readTree(as(AUDITOR_KEY)
                .header("X-Access-Purpose", "SUP-12 what the producer sent")
                .get("/api/lineage/" + lineageId + "/raw-inputs")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(stored.path("inputs").path("openlineage").path("event")).isEqualTo(event);
    }

    /** A string no store can hold, anywhere in the kept event, is named by its path in the event. */
    @Test
    default void anUnstorableStringInAFacetThisServiceDoesNotReadIsNamedByItsPath() {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);
        String body = event.toString()
                .replace("\"render_report\"}", "\"render_report\",\"facets\":{\"owner\":{\"name\":\"\\ud800\"}}}");
        assertThat(body).contains("ud800");

        postEvent(INGEST_KEY, body)
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("job.facets.owner.name"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void eventsThatRecordNoReportAreAcknowledgedAndNotStored() {
        Map<String, Object> message = source().report();
        ObjectNode start = completeEvent(message);
        start.put("eventType", "START");
        postEvent(INGEST_KEY, start.toString())
                .then()
                .statusCode(200)
                .body("stored", equalTo(false))
                .body("reason", startsWith("acknowledged, not stored: only a COMPLETE"));

        ObjectNode foreign = completeEvent(message);
        ((ObjectNode) foreign.path("run").path("facets")).remove("lineagePanel_report");
        postEvent(INGEST_KEY, foreign.toString())
                .then()
                .statusCode(200)
                .body("stored", equalTo(false))
                .body("reason", org.hamcrest.Matchers.containsString("lineagePanel_report"));

        ObjectNode dataset = MAPPER.createObjectNode();
        dataset.put("eventTime", "2026-11-26T10:00:00Z");
        dataset.put("producer", "https://example.test");
        dataset.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent");
        dataset.putObject("dataset").put("namespace", "n").put("name", "t");
        postEvent(INGEST_KEY, dataset.toString()).then().statusCode(200).body("stored", equalTo(false));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void anObjectThatIsNoEventOfAnyKindIs400NotAcknowledged() {
        postEvent(INGEST_KEY, "{}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("job"));
        // our own completion message posted to the OpenLineage endpoint by mistake: told where it goes
        Map<String, Object> message = source().report();
        postEvent(INGEST_KEY, message)
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("job"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("POST /api/lineage/completions"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
        // a JobEvent (a job, no run) is an event: acknowledged, not stored
        ObjectNode job = MAPPER.createObjectNode();
        job.put("eventTime", "2026-11-26T10:00:00Z");
        job.put("producer", "https://example.test");
        job.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent");
        job.putObject("job").put("namespace", "n").put("name", "j");
        postEvent(INGEST_KEY, job.toString()).then().statusCode(200).body("stored", equalTo(false));
    }

    @Test
    default void anInvalidEventIs400NamingItsFields() {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);
        ((ObjectNode) event.path("run")).put("runId", "run-7");
        event.remove("eventTime");
        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("run.runId", "eventTime"));

        ObjectNode noLead = completeEvent(message);
        ((ObjectNode) noLead.path("run").path("facets").path("lineagePanel_report")).remove("leadId");
        postEvent(INGEST_KEY, noLead.toString())
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("run.facets.lineagePanel_report.leadId"));

        ObjectNode badLead = completeEvent(message);
        ((ObjectNode) badLead.path("run").path("facets").path("lineagePanel_report")).put("leadId", "lead-9");
        postEvent(INGEST_KEY, badLead.toString())
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("run.facets.lineagePanel_report.leadId"));

        postEvent(INGEST_KEY, "[1, 2]").then().statusCode(400).body("errors.field", hasItem("(body)"));
        postEvent(INGEST_KEY, "{not json").then().statusCode(400).body("errors.field", hasItem("(body)"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    /** The completion's rules broken by a translated event name the event's fields, never the completion's. */
    @Test
    default void aTranslatedEventThatBreaksTheCompletionRulesIs400NamingItsOwnPaths() {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);
        ObjectNode report = (ObjectNode) event.path("run").path("facets").path("lineagePanel_report");
        report.remove("templateVersionId");
        report.put("pipelineStartedAt", "2999-01-01T00:00:00Z");
        ((ObjectNode) report.path("pdf")).put("sha256", "not-hex").put("sizeBytes", "10");
        ((ObjectNode) event.path("run").path("facets").path("parent").path("run")).put("runId", "run-7");
        event.with("job").putObject("facets").putObject("lineagePanel_template").put("templateVersionId", "v\u202E1");

        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "run.facets.parent.run.runId",
                                "job.facets.lineagePanel_template.templateVersionId",
                                "eventTime",
                                "run.facets.lineagePanel_report.pdf.sha256",
                                "run.facets.lineagePanel_report.pdf.sizeBytes"))
                .body(
                        "errors.find { it.field == 'eventTime' }.message",
                        equalTo("must not be before run.facets.lineagePanel_report.pipelineStartedAt"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    /**
     * The report facet and the standard facets can both name the pipeline run (parent) and the template (the job
     * facet): when they disagree the event names two triplets, and capturing either one would silently drop the
     * other.
     */
    @Test
    default void aReportFacetThatContradictsTheParentRunOrTheTemplateFacetIs400NamingThem() {
        Map<String, Object> message = source().report();
        ObjectNode otherRun = completeEvent(message);
        facet(otherRun).put("pipelineRunId", message.get("pipeline_run_id").toString());
        ((ObjectNode) otherRun.path("run").path("facets").path("parent").path("run"))
                .put("runId", UUID.randomUUID().toString());
        postEvent(INGEST_KEY, otherRun.toString())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("run.facets.parent.run.runId"))
                .body(
                        "errors[0].message",
                        equalTo("must equal run.facets.lineagePanel_report.pipelineRunId when both are sent"));

        ObjectNode otherTemplate = completeEvent(message);
        otherTemplate
                .with("job")
                .putObject("facets")
                .putObject("lineagePanel_template")
                .put("templateVersionId", message.get("template_version_id") + "-other");
        postEvent(INGEST_KEY, otherTemplate.toString())
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.contains("job.facets.lineagePanel_template.templateVersionId"));

        ObjectNode wrongType = completeEvent(message);
        wrongType
                .with("job")
                .putObject("facets")
                .putObject("lineagePanel_template")
                .put("templateVersionId", 3);
        postEvent(INGEST_KEY, wrongType.toString())
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.contains("job.facets.lineagePanel_template.templateVersionId"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();

        ObjectNode agreeing = completeEvent(message);
        facet(agreeing).put("pipelineRunId", message.get("pipeline_run_id").toString());
        ((ObjectNode) agreeing.path("run").path("facets").path("parent").path("run"))
                .put("runId", message.get("pipeline_run_id").toString().toUpperCase(java.util.Locale.ROOT));
        agreeing.with("job")
                .putObject("facets")
                .putObject("lineagePanel_template")
                .put("templateVersionId", message.get("template_version_id").toString());
        postEvent(INGEST_KEY, agreeing.toString()).then().statusCode(201);
    }

    @Test
    default void anEmptyBodyIs400NamingTheBody() {
        as(INGEST_KEY)
                .contentType("application/json")
                .post("/api/v1/lineage")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("(body)"));
        postEvent(INGEST_KEY, "")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("(body)"));
    }

    @Test
    default void aDuplicatedKeyIs400NamingItsPathAndNothingIsStored() {
        Map<String, Object> message = source().report();
        String event = completeEvent(message).toString();
        String twoTypes =
                event.replaceFirst("\"eventType\":\"COMPLETE\"", "\"eventType\":\"START\",\"eventType\":\"COMPLETE\"");
        postEvent(INGEST_KEY, twoTypes)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("eventType"));
        String twoRuns = event.replaceFirst(
                "\"runId\":\"" + message.get("report_generation_id") + "\"",
                "\"runId\":\"" + UUID.randomUUID() + "\",\"runId\":\"" + message.get("report_generation_id") + "\"");
        postEvent(INGEST_KEY, twoRuns)
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("run.runId"));
        String twoLeads = event.replaceFirst("\"leadId\":", "\"leadId\":\"" + UUID.randomUUID() + "\",\"leadId\":");
        postEvent(INGEST_KEY, twoLeads)
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("run.facets.lineagePanel_report.leadId"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    @Test
    default void aFieldOfTheWrongTypeIs400NamingItNotIgnored() {
        Map<String, Object> message = source().report();
        String facetPath = "run.facets.lineagePanel_report";
        Map<String, java.util.function.Consumer<ObjectNode>> breakages = new java.util.LinkedHashMap<>();
        breakages.put(facetPath + ".pdf", e -> facet(e).put("pdf", "s3://x"));
        breakages.put(facetPath + ".pipelineFinishedAt", e -> facet(e).put("pipelineFinishedAt", 5));
        breakages.put(facetPath + ".pipelineRunId", e -> facet(e).put("pipelineRunId", 7));
        breakages.put(facetPath + ".rawInputs", e -> facet(e).put("rawInputs", "big"));
        breakages.put(facetPath, e -> ((ObjectNode) e.path("run").path("facets")).put("lineagePanel_report", "str"));
        breakages.put(facetPath + " ", e -> ((ObjectNode) e.path("run").path("facets")).putNull("lineagePanel_report"));
        breakages.put(
                "run.facets",
                e -> ((ObjectNode) e.path("run")).putArray("facets").add(1));
        breakages.put("eventType", e -> e.put("eventType", 5));
        breakages.put("eventType ", e -> e.put("eventType", "BOGUS"));
        breakages.put("eventType  ", e -> e.put("eventType", "complete"));
        for (var breakage : breakages.entrySet()) {
            ObjectNode event = completeEvent(message);
            breakage.getValue().accept(event);
            postEvent(INGEST_KEY, event.toString())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem(breakage.getKey().strip()));
        }
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();

        // the spec's other event types without this service's facet are still acknowledged, not refused
        for (String type : new String[] {"START", "RUNNING", "ABORT", "FAIL", "OTHER"}) {
            ObjectNode event = completeEvent(message);
            event.put("eventType", type);
            postEvent(INGEST_KEY, event.toString()).then().statusCode(200).body("stored", equalTo(false));
        }
    }

    private static ObjectNode facet(ObjectNode event) {
        return (ObjectNode) event.path("run").path("facets").path("lineagePanel_report");
    }

    @Test
    default void anEventThisServiceEmittedIsTakenBackAsTheSameReport() throws Exception {
        Map<String, Object> message = source().report();
        String lineageId = (String) postCompletion(message).get("lineage_id");
        String body = as(VIEWER_KEY)
                .get("/api/lineage/" + lineageId + "/openlineage")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode complete = MAPPER.readTree(body).path("events").get(1).path("event");

        postEvent(INGEST_KEY, complete.toString()).then().statusCode(200).body("lineage_id", equalTo(lineageId));
        postEvent(VIEWER_KEY, complete.toString()).then().statusCode(403);
    }

    /**
     * A COMPLETE event that gives pipelineFinishedAt still says with eventTime when the run completed: before the
     * start is refused as the completion refuses an end before its start, in the same words.
     */
    @Test
    default void aCompleteEventDatedBeforeTheRunStartedIs400NamingBothFields() {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);
        facet(event)
                .put("pipelineFinishedAt", message.get("pipeline_finished_at").toString());
        event.put("eventTime", "2001-01-01T00:00:00Z");

        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("eventTime"))
                .body(
                        "errors[0].message",
                        equalTo("must not be before run.facets.lineagePanel_report.pipelineStartedAt"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();
    }

    /**
     * lineageId, rawInputs and panelUrl describe what this service made of the run; a producer cannot set them. Sent
     * for a run with no record yet, or saying other than the record, each is a 400 naming it, never dropped.
     */
    @Test
    default void facetFieldsThisServiceAssignsAreHeldToItsRecordNotIgnored() throws Exception {
        Map<String, Object> message = source().report();
        ObjectNode event = completeEvent(message);
        facet(event).put("lineageId", UUID.randomUUID().toString());
        facet(event).putObject("rawInputs").put("sizeBytes", 10).put("sha256", "ab".repeat(32));
        facet(event).put("panelUrl", "https://elsewhere.example/#/reports/x");
        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder("run.facets.lineagePanel_report.panelUrl"))
                .body(
                        "errors[0].message",
                        startsWith("must be http://localhost:8080/#/reports/" + message.get("report_generation_id")));
        facet(event).remove("panelUrl");
        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "run.facets.lineagePanel_report.lineageId", "run.facets.lineagePanel_report.rawInputs"))
                .body("errors[0].message", containsString("has no record here yet"));
        assertThat(source().lineageRows(message.get("report_generation_id"))).isZero();

        // captured: the same fields must say what the record says
        facet(event).remove("lineageId");
        facet(event).remove("rawInputs");
        String lineageId = postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(201)
                .extract()
                .path("lineage_id");
        String other = UUID.randomUUID().toString();
        facet(event).put("lineageId", other);
        facet(event).putObject("rawInputs").put("sha256", "ab".repeat(32)).put("colour", "red");
        postEvent(INGEST_KEY, event.toString())
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "run.facets.lineagePanel_report.lineageId",
                                "run.facets.lineagePanel_report.rawInputs.sha256",
                                "run.facets.lineagePanel_report.rawInputs.colour"))
                .body(
                        "errors.find { it.field == 'run.facets.lineagePanel_report.lineageId' }.message",
                        equalTo("must be " + lineageId + ", the id of the record captured for run.runId"));
        facet(event).put("lineageId", lineageId.toUpperCase(java.util.Locale.ROOT));
        ObjectNode raw = facet(event).putObject("rawInputs");
        as(VIEWER_KEY)
                .get("/api/lineage/" + message.get("report_generation_id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("")
                .forEach((field, value) -> {
                    if (field.equals("raw_inputs_sha256")) {
                        raw.put("sha256", (String) value);
                    } else if (field.equals("raw_inputs_size_bytes")) {
                        raw.put("sizeBytes", ((Number) value).longValue());
                    } else if (field.equals("truncated")) {
                        raw.put("truncated", (Boolean) value);
                    }
                });
        assertThat(raw.size()).isEqualTo(3);
        postEvent(INGEST_KEY, event.toString()).then().statusCode(200).body("lineage_id", equalTo(lineageId));
    }
}
