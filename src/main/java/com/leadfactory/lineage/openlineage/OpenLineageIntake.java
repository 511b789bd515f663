package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.capture.InvalidCompletionException;
import com.leadfactory.lineage.problem.FieldViolation;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/lineage}: an OpenLineage event in, a completion message out (docs/OPENLINEAGE.md, "In"). A
 * COMPLETE RunEvent carrying the run facet {@code <prefix>_report} becomes the completion message capture takes
 * from any door; any other event is acknowledged and not stored, with the reason. An event that is not one is a
 * 400 naming its fields by their OpenLineage paths; the completion's own rules are then capture's (400 naming the
 * completion's fields, 409, 422).
 */
@Component
public class OpenLineageIntake {

    /** What to do with one event: capture {@code completion}, or acknowledge it without storing, for {@code reason}. */
    public record Decision(boolean capture, byte[] completion, String reason) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final RunEvents events;

    public OpenLineageIntake(RunEvents events) {
        this.events = events;
    }

    public Decision translate(byte[] body) {
        JsonNode event = parse(body);
        List<FieldViolation> violations = new ArrayList<>();
        if (!event.has("run")) {
            return acknowledge(
                    event.has("dataset")
                            ? "a DatasetEvent names no report run"
                            : "a JobEvent (or an event without run) names no report run");
        }
        String runId = uuid(event, "run", "runId", "run.runId", violations);
        requireText(event.path("job"), "namespace", "job.namespace", violations);
        requireText(event.path("job"), "name", "job.name", violations);
        requireText(event, "producer", "producer", violations);
        requireText(event, "schemaURL", "schemaURL", violations);
        String eventTime = requireText(event, "eventTime", "eventTime", violations);
        if (eventTime != null && !isTime(eventTime)) {
            violations.add(new FieldViolation("eventTime", "must be an RFC 3339 timestamp with offset"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCompletionException(violations);
        }
        String eventType = event.path("eventType").asText("");
        if (!RunEvents.COMPLETE.equals(eventType)) {
            return acknowledge("only a COMPLETE event records a report; this one is "
                    + (eventType.isEmpty() ? "without eventType" : eventType));
        }
        String facetName = events.reportFacetName();
        JsonNode facet = event.path("run").path("facets").path(facetName);
        if (!facet.isObject()) {
            return acknowledge("no run facet " + facetName + ": not a report render of this service's pipeline");
        }
        return new Decision(true, completion(event, runId, eventTime, facet, facetName), null);
    }

    private byte[] completion(JsonNode event, String runId, String eventTime, JsonNode facet, String facetName) {
        String at = "run.facets." + facetName + ".";
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode sameRun = facet.path("reportGenerationId");
        if (!sameRun.isMissingNode() && !sameRun.asText().equalsIgnoreCase(runId)) {
            violations.add(new FieldViolation(at + "reportGenerationId", "must equal run.runId"));
        }
        String pipelineRunId = text(facet, "pipelineRunId");
        if (pipelineRunId == null) {
            pipelineRunId = text(event.path("run").path("facets").path("parent").path("run"), "runId");
        }
        String template = text(facet, "templateVersionId");
        if (template == null) {
            template = text(event.path("job").path("facets").path(events.templateFacetName()), "templateVersionId");
        }
        ObjectNode completion = mapper.createObjectNode();
        completion.put("report_generation_id", runId);
        putRequired(completion, "lead_id", text(facet, "leadId"), at + "leadId", violations);
        putRequired(
                completion, "pipeline_run_id", pipelineRunId, at + "pipelineRunId (or run.facets.parent)", violations);
        putRequired(completion, "template_version_id", template, at + "templateVersionId", violations);
        putRequired(
                completion,
                "pipeline_started_at",
                text(facet, "pipelineStartedAt"),
                at + "pipelineStartedAt",
                violations);
        String finished = text(facet, "pipelineFinishedAt");
        completion.put("pipeline_finished_at", finished != null ? finished : eventTime);
        if (!violations.isEmpty()) {
            throw new InvalidCompletionException(violations);
        }
        JsonNode pdf = facet.path("pdf");
        if (pdf.isObject()) {
            ObjectNode out = completion.putObject("pdf");
            copy(pdf, "uri", out, "uri");
            copy(pdf, "sha256", out, "sha256");
            copy(pdf, "sizeBytes", out, "size_bytes");
        }
        ObjectNode source = completion.putObject("inputs").putObject("openlineage");
        source.set("producer", event.path("producer"));
        source.set(
                "job",
                mapper.createObjectNode()
                        .put("namespace", event.path("job").path("namespace").asText())
                        .put("name", event.path("job").path("name").asText()));
        source.put("event_time", eventTime);
        try {
            return mapper.writeValueAsBytes(completion);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a completion could not be written as JSON", e);
        }
    }

    public OpenLineageAcknowledgement acknowledgement(Decision decision) {
        return new OpenLineageAcknowledgement(false, "acknowledged, not stored: " + decision.reason());
    }

    private JsonNode parse(byte[] body) {
        JsonNode event;
        try {
            event = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidCompletionException(
                    List.of(new FieldViolation("(body)", "is not JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new IllegalStateException("the request body could not be read", e);
        }
        if (event == null || !event.isObject()) {
            throw new InvalidCompletionException(
                    List.of(new FieldViolation("(body)", "must be an OpenLineage event (a JSON object)")));
        }
        return event;
    }

    private static Decision acknowledge(String reason) {
        return new Decision(false, null, reason);
    }

    private static String uuid(JsonNode event, String parent, String name, String path, List<FieldViolation> out) {
        String value = requireText(event.path(parent), name, path, out);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            out.add(new FieldViolation(path, "must be a UUID (this service's report_generation_id)"));
            return null;
        }
    }

    private static String requireText(JsonNode node, String name, String path, List<FieldViolation> out) {
        String value = text(node, name);
        if (value == null) {
            out.add(new FieldViolation(path, "is required (a string)"));
        }
        return value;
    }

    private static void putRequired(
            ObjectNode completion, String field, String value, String path, List<FieldViolation> out) {
        if (value == null) {
            out.add(new FieldViolation(path, "is required (a string)"));
        } else {
            completion.put(field, value);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        if (from.has(name)) {
            to.set(as, from.get(name));
        }
    }

    private static boolean isTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
