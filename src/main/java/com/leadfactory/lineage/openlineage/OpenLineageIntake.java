package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.caller.JsonDuplicates;
import com.leadfactory.lineage.caller.JsonErrors;
import com.leadfactory.lineage.caller.Timestamps;
import com.leadfactory.lineage.capture.CompletionValidator;
import com.leadfactory.lineage.capture.ConflictingCompletionException;
import com.leadfactory.lineage.capture.InvalidCompletionException;
import com.leadfactory.lineage.capture.RefusedCompletionException;
import com.leadfactory.lineage.capture.ReportGenerationMismatchException;
import com.leadfactory.lineage.problem.FieldViolation;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/lineage}: an OpenLineage event in, a completion message out (docs/OPENLINEAGE.md, "In"). A
 * COMPLETE RunEvent carrying the run facet {@code <prefix>_report} becomes the completion message capture takes
 * from any door; any other event is acknowledged and not stored, with the reason. An event that is not one (not a
 * JSON object, a key twice in one object, a field this service reads of the wrong type, an {@code eventType}
 * outside the spec's) is a 400 naming its fields by their OpenLineage paths. The completion's own rules are then
 * capture's (409, 422); a translated completion that breaks them is refused here, before capture, with each field
 * named by the OpenLineage path it came from: the producer sent no {@code lead_id}.
 */
@Component
public class OpenLineageIntake {

    /**
     * What to do with one event: capture {@code completion}, or acknowledge it without storing, for {@code reason};
     * {@code sources} names the event path each completion field came from.
     */
    public record Decision(
            boolean capture,
            byte[] completion,
            String reason,
            String reportGenerationId,
            Map<String, String> sources,
            Map<String, JsonNode> recordFields) {

        /**
         * Whether the facet describes the record this service made for the run ({@code lineageId}, {@code
         * rawInputs}): the route then reads that record for {@link #holdToRecord}.
         */
        public boolean namesRecord() {
            return !recordFields.isEmpty();
        }

        /** The run's report id, as the record lookup binds it. */
        public UUID reportGenerationUuid() {
            return UUID.fromString(reportGenerationId);
        }
    }

    /** The report facet's fields that describe the record this service made, not the report run it was sent. */
    static final List<String> RECORD_FIELDS = List.of("lineageId", "rawInputs");

    /** What the facet's rawInputs says, by its schema (report-1-0-0.json), and the record's column for each. */
    private static final Map<String, String> RAW_INPUT_COLUMNS =
            Map.of("sizeBytes", "raw_inputs_size_bytes", "sha256", "raw_inputs_sha256", "truncated", "truncated");

    /** RunEvent.eventType in OpenLineage 2-0-2 (OpenLineage.json, $defs/RunEvent). */
    static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");

    /** The report facet's fields and whether each is a JSON object (else a string): report-1-0-0.json. */
    private static final List<Map.Entry<String, Boolean>> FACET_FIELDS = List.of(
            Map.entry("reportGenerationId", false),
            Map.entry("lineageId", false),
            Map.entry("leadId", false),
            Map.entry("pipelineRunId", false),
            Map.entry("templateVersionId", false),
            Map.entry("pipelineStartedAt", false),
            Map.entry("pipelineFinishedAt", false),
            Map.entry("panelUrl", false),
            Map.entry("rawInputs", true),
            Map.entry("pdf", true));

    private final ObjectMapper mapper = new ObjectMapper();
    // a key twice in one object is refused, as on /api/lineage/completions: which value was meant is unknown
    private final ObjectReader reader = mapper.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final RunEvents events;
    private final CompletionValidator validator;

    public OpenLineageIntake(RunEvents events, CompletionValidator validator) {
        this.events = events;
        this.validator = validator;
    }

    public Decision translate(byte[] body) {
        JsonNode event = parse(body);
        List<FieldViolation> violations = new ArrayList<>();
        String eventType = eventType(event, violations);
        if (!event.has("run")) {
            if (!violations.isEmpty()) {
                throw new InvalidCompletionException(violations);
            }
            if (RunEvents.COMPLETE.equals(eventType)) {
                throw new InvalidCompletionException(
                        List.of(new FieldViolation("run", "is required: a COMPLETE RunEvent names its run")));
            }
            if (!event.path("job").isObject() && !event.path("dataset").isObject()) {
                // a JobEvent names its job, a DatasetEvent its dataset: an object with neither is no event at all
                // (a completion message sent here by mistake), and a 200 "not stored" would hide that for good
                throw new InvalidCompletionException(List.of(new FieldViolation(
                        "job",
                        "is required: an OpenLineage event is a RunEvent (run and job), a JobEvent (job) or a"
                                + " DatasetEvent (dataset), and this object has none of them"
                                + (event.has("report_generation_id")
                                        ? "; a completion message goes to POST /api/lineage/completions"
                                        : ""))));
            }
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
        String facetName = events.reportFacetName();
        JsonNode facet = reportFacet(event, facetName, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCompletionException(violations);
        }
        if (!RunEvents.COMPLETE.equals(eventType)) {
            return acknowledge("only a COMPLETE event records a report; this one is "
                    + (eventType == null ? "without eventType" : eventType));
        }
        if (facet == null) {
            return acknowledge("no run facet " + facetName + ": not a report render of this service's pipeline");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        byte[] completion = completion(event, runId, eventTime, facet, facetName, sources);
        Map<String, JsonNode> recordFields = new LinkedHashMap<>();
        for (String name : RECORD_FIELDS) {
            if (present(facet.get(name))) {
                recordFields.put(name, facet.get(name));
            }
        }
        return new Decision(true, completion, null, runId, sources, Map.copyOf(recordFields));
    }

    /** eventType is optional in 2-0-2; when present it is one of the spec's values, spelled as the spec does. */
    private static String eventType(JsonNode event, List<FieldViolation> violations) {
        JsonNode type = event.get("eventType");
        if (!present(type)) {
            return null;
        }
        if (!type.isTextual() || !EVENT_TYPES.contains(type.textValue())) {
            violations.add(new FieldViolation(
                    "eventType", "must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER (a string, upper case)"));
            return null;
        }
        return type.textValue();
    }

    /**
     * The run facet {@code <prefix>_report}, or null when the event has none. Present, it is an object and each of
     * its fields this service reads has its schema's type: an event that names this service's facet and gets it
     * wrong is refused rather than half read.
     */
    private static JsonNode reportFacet(JsonNode event, String facetName, List<FieldViolation> violations) {
        JsonNode facets = event.path("run").get("facets");
        if (!present(facets)) {
            return null;
        }
        if (!facets.isObject()) {
            violations.add(new FieldViolation("run.facets", "must be a JSON object (facets by name)"));
            return null;
        }
        if (!facets.has(facetName)) {
            return null;
        }
        String at = "run.facets." + facetName;
        JsonNode facet = facets.get(facetName);
        if (!facet.isObject()) {
            violations.add(new FieldViolation(at, "must be a JSON object (this service's report facet)"));
            return null;
        }
        for (Map.Entry<String, Boolean> field : FACET_FIELDS) {
            boolean object = field.getValue();
            JsonNode value = facet.get(field.getKey());
            if (present(value) && (object ? !value.isObject() : !value.isTextual())) {
                violations.add(new FieldViolation(
                        at + "." + field.getKey(), object ? "must be a JSON object" : "must be a string"));
            }
        }
        return facet;
    }

    private byte[] completion(
            JsonNode event,
            String runId,
            String eventTime,
            JsonNode facet,
            String facetName,
            Map<String, String> sources) {
        String at = "run.facets." + facetName + ".";
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode sameRun = facet.get("reportGenerationId");
        if (present(sameRun) && !sameRun.asText().equalsIgnoreCase(runId)) {
            violations.add(new FieldViolation(at + "reportGenerationId", "must equal run.runId"));
        }
        // where each completion field came from, to name it as the producer sent it
        sources.put("report_generation_id", "run.runId");
        sources.put("lead_id", at + "leadId");
        sources.put("pipeline_started_at", at + "pipelineStartedAt");
        sources.put("pdf.size_bytes", at + "pdf.sizeBytes");
        sources.put("pdf", at + "pdf");
        sources.put("inputs.openlineage.producer", "producer");
        sources.put("inputs.openlineage.job", "job");
        sources.put("inputs.openlineage.event_time", "eventTime");
        sources.put("inputs.openlineage.event", "");
        sources.put("inputs", "(body)"); // only the event can nest that deep
        String pipelineRunId = text(facet, "pipelineRunId");
        sources.put("pipeline_run_id", at + "pipelineRunId");
        JsonNode parentRun =
                event.path("run").path("facets").path("parent").path("run").get("runId");
        if (pipelineRunId == null) {
            pipelineRunId = text(event.path("run").path("facets").path("parent").path("run"), "runId");
            sources.put("pipeline_run_id", "run.facets.parent.run.runId");
        } else if (present(parentRun) && !parentRun.asText().equalsIgnoreCase(pipelineRunId)) {
            // the event names two pipeline runs: which one rendered the report cannot be known
            violations.add(new FieldViolation(
                    "run.facets.parent.run.runId", "must equal " + at + "pipelineRunId when both are sent"));
        }
        String template = text(facet, "templateVersionId");
        sources.put("template_version_id", at + "templateVersionId");
        String templateFacet = "job.facets." + events.templateFacetName() + ".templateVersionId";
        JsonNode fromJob = event.path("job")
                .path("facets")
                .path(events.templateFacetName())
                .get("templateVersionId");
        if (present(fromJob) && !fromJob.isTextual()) {
            violations.add(new FieldViolation(templateFacet, "must be a string"));
        }
        if (template == null) {
            sources.put("template_version_id", templateFacet);
            template = text(event.path("job").path("facets").path(events.templateFacetName()), "templateVersionId");
        } else if (present(fromJob)
                && fromJob.isTextual()
                && !fromJob.textValue().equals(template)) {
            violations.add(
                    new FieldViolation(templateFacet, "must equal " + at + "templateVersionId when both are sent"));
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
        // a string, checked above; a present one is the completion's (its rules name pipeline_finished_at)
        JsonNode finished = facet.get("pipelineFinishedAt");
        completion.put("pipeline_finished_at", present(finished) ? finished.textValue() : eventTime);
        sources.put("pipeline_finished_at", present(finished) ? at + "pipelineFinishedAt" : "eventTime");
        if (present(finished) && before(eventTime, text(facet, "pipelineStartedAt"))) {
            // a COMPLETE event says when the run completed: not before it started. Without pipelineFinishedAt the
            // event time is the finish, and the completion's own rule says this, in the same words
            violations.add(new FieldViolation("eventTime", "must not be before " + at + "pipelineStartedAt"));
        }
        JsonNode panelUrl = facet.get("panelUrl");
        if (present(panelUrl) && !panelUrl.textValue().equals(events.panelUrl(runId))) {
            violations.add(new FieldViolation(
                    at + "panelUrl",
                    "must be " + events.panelUrl(runId) + ", the report's page in this service's panel, or left out:"
                            + " this service names the page, it cannot move it"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCompletionException(violations);
        }
        JsonNode pdf = facet.get("pdf");
        if (present(pdf)) {
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
        // the event as sent, with what this service does not read (other facets, datasets, the report facet's own
        // extra fields): kept as a completion keeps its unknown fields
        source.set("event", event);
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(completion);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a completion could not be written as JSON", e);
        }
        try {
            validator.validate(bytes);
        } catch (InvalidCompletionException e) {
            throw new InvalidCompletionException(e.violations().stream()
                    .map(v -> new FieldViolation(sourceOf(v.field(), sources), inMessage(v.message(), sources)))
                    .toList());
        }
        return bytes;
    }

    /** The OpenLineage path of a completion field (or of a path under it), else the field as it is. */
    static String sourceOf(String field, Map<String, String> sources) {
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String name = source.getKey();
            String path = source.getValue();
            if (field.equals(name)) {
                return path.isEmpty() ? "(body)" : path;
            }
            if (field.startsWith(name) && (field.charAt(name.length()) == '.' || field.charAt(name.length()) == '[')) {
                String rest = field.substring(name.length());
                return path.isEmpty() && rest.startsWith(".") ? rest.substring(1) : path + rest;
            }
        }
        return field;
    }

    /** A message that names another completion field ("must not be before pipeline_started_at") names its source. */
    private static String inMessage(String message, Map<String, String> sources) {
        String named = message;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (source.getKey().indexOf('.') < 0) {
                named = named.replaceAll("\\b" + source.getKey() + "\\b", source.getValue());
            }
        }
        return named;
    }

    /**
     * A route step before capture, for an event whose facet names the record this service made for the run
     * ({@code lineageId}, {@code rawInputs}: what this service sends, so an event it sent can come back): each must
     * say what that record says, {@code existing} being the rows of select-lineage-summary-by-report-id.sql. Neither
     * can be honoured otherwise — the id is given and the raw inputs read by this service at capture — and neither
     * is dropped without a word: a 400 naming the field says why (docs/OPENLINEAGE.md, "In").
     */
    public void holdToRecord(Decision intake, List<Map<String, Object>> existing) {
        String at = "run.facets." + events.reportFacetName() + ".";
        Map<String, Object> record = existing == null || existing.isEmpty() ? null : existing.get(0);
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode lineageId = intake.recordFields().get("lineageId");
        JsonNode rawInputs = intake.recordFields().get("rawInputs");
        if (record == null) {
            String none = "run.runId " + intake.reportGenerationId() + " has no record here yet, and ";
            if (lineageId != null) {
                violations.add(new FieldViolation(
                        at + "lineageId",
                        none + "this service gives a record its id when it captures it: leave lineageId out"));
            }
            if (rawInputs != null) {
                violations.add(new FieldViolation(
                        at + "rawInputs",
                        none + "this service reads the raw inputs itself when it captures the report: leave"
                                + " rawInputs out"));
            }
            throw new InvalidCompletionException(violations);
        }
        String recordId = String.valueOf(record.get("id"));
        if (lineageId != null && !lineageId.textValue().equalsIgnoreCase(recordId)) {
            violations.add(new FieldViolation(
                    at + "lineageId", "must be " + recordId + ", the id of the record captured for run.runId"));
        }
        if (rawInputs != null) {
            rawInputs.fieldNames().forEachRemaining(name -> {
                if (!RAW_INPUT_COLUMNS.containsKey(name)) {
                    violations.add(new FieldViolation(
                            at + "rawInputs." + name, "is not a field of rawInputs (sizeBytes, sha256, truncated)"));
                }
            });
            for (Map.Entry<String, String> field : RAW_INPUT_COLUMNS.entrySet()) {
                JsonNode sent = rawInputs.get(field.getKey());
                Object stored = record.get(field.getValue());
                if (present(sent) && !sameValue(sent, stored)) {
                    violations.add(new FieldViolation(
                            at + "rawInputs." + field.getKey(),
                            "must be " + stored + ", what the record captured for run.runId says"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidCompletionException(violations);
        }
    }

    private static boolean sameValue(JsonNode sent, Object stored) {
        if (stored instanceof Number number) {
            return sent.isIntegralNumber() && sent.canConvertToLong() && sent.longValue() == number.longValue();
        }
        if (stored instanceof Boolean flag) {
            return sent.isBoolean() && sent.booleanValue() == flag;
        }
        return sent.isTextual() && stored != null && sent.textValue().equals(stored.toString());
    }

    public OpenLineageAcknowledgement acknowledgement(Decision decision) {
        return new OpenLineageAcknowledgement(false, "acknowledged, not stored: " + decision.reason());
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidCompletionException(
                    List.of(new FieldViolation("(body)", "is empty: send an OpenLineage event (a JSON object)")));
        }
        JsonNode event;
        try {
            event = reader.readTree(body);
        } catch (JsonParseException e) {
            String repeated = JsonDuplicates.repeatedKey(e);
            if (repeated != null) {
                throw new InvalidCompletionException(List.of(new FieldViolation(
                        repeated,
                        "appears more than once in the same object; send each field once (nothing was stored)")));
            }
            throw notJson(e);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new IllegalStateException("the request body could not be read", e);
        }
        if (event == null || !event.isObject()) {
            throw new InvalidCompletionException(
                    List.of(new FieldViolation("(body)", "must be an OpenLineage event (a JSON object)")));
        }
        return event;
    }

    private static InvalidCompletionException notJson(JsonProcessingException e) {
        return new InvalidCompletionException(
                List.of(new FieldViolation("(body)", "is not JSON: " + JsonErrors.reason(e))));
    }

    private static Decision acknowledge(String reason) {
        return new Decision(false, null, reason, null, Map.of(), Map.of());
    }

    /**
     * A completion from an event that capture refused as a repeat with other content (409) or as contradicting its
     * report generation (422), its fields named by the event paths they came from, as this intake's 400s are: the
     * producer never sent a {@code pipeline_finished_at}. Any other failure, or one without an event, is returned
     * as it is (routes/http-problems.yaml).
     */
    public Throwable inEventTerms(Throwable failure, Decision intake) {
        if (intake == null || !intake.capture() || !(failure instanceof RefusedCompletionException refused)) {
            return failure;
        }
        List<FieldViolation> named = refused.violations().stream()
                .map(v -> new FieldViolation(
                        sourceOf(v.field(), intake.sources()), inMessage(v.message(), intake.sources())))
                .toList();
        if (refused instanceof ConflictingCompletionException) {
            return new ConflictingCompletionException(intake.reportGenerationId(), named);
        }
        if (refused instanceof ReportGenerationMismatchException) {
            return new ReportGenerationMismatchException(intake.reportGenerationId(), named);
        }
        return failure;
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

    /** As on /api/lineage/completions: a JSON null is a field not sent. */
    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        if (from.has(name)) {
            to.set(as, from.get(name));
        }
    }

    /** Whether both are RFC 3339 times and the first is earlier; one that is not is refused by its own rule. */
    private static boolean before(String time, String other) {
        if (time == null || other == null || !isTime(time) || !isTime(other)) {
            return false;
        }
        return Timestamps.parseUtc(time).isBefore(Timestamps.parseUtc(other));
    }

    private static boolean isTime(String value) {
        try {
            Timestamps.parseUtc(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
