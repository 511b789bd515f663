package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.SqlValues;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds the raw-inputs document of one report from the completion message and the lead's assessment and
 * enrichment rows, masking secrets row by row as it goes (so no unmasked copy of the whole document exists).
 */
class TreeRawInputsAssembler {

    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper;
    private final SecretRedactor redactor;
    private final Clock clock;

    TreeRawInputsAssembler(ObjectMapper mapper, SecretRedactor redactor) {
        this(mapper, redactor, Clock.systemUTC());
    }

    TreeRawInputsAssembler(ObjectMapper mapper, SecretRedactor redactor, Clock clock) {
        this.mapper = mapper;
        this.redactor = redactor;
        this.clock = clock;
    }

    public ObjectNode assemble(
            CompletionMessage completion,
            List<Map<String, Object>> assessmentRows,
            List<Map<String, Object>> enrichmentRows) {
        ObjectNode document = mapper.createObjectNode();
        document.put("schema_version", SCHEMA_VERSION);
        document.put("captured_at", Instant.now(clock).toString());
        document.put("report_generation_id", completion.getReportGenerationId().toString());
        document.put("lead_id", completion.getLeadId().toString());
        document.put("pipeline_run_id", completion.getPipelineRunId().toString());
        document.put("template_version_id", completion.getTemplateVersionId());
        document.put("pipeline_started_at", completion.getPipelineStartedAt().toString());
        document.put("pipeline_finished_at", completion.getPipelineFinishedAt().toString());
        document.put("rows_as_of", completion.getPipelineFinishedAt().toString());

        ArrayNode assessment = document.putArray("assessment_data");
        for (Map<String, Object> row : nullToEmpty(assessmentRows)) {
            ObjectNode node = assessment.addObject();
            node.put("id", String.valueOf(row.get("id")));
            putNullable(node, "pipeline_run_id", row.get("pipeline_run_id"));
            node.put("kind", SqlValues.trimmed(row.get("kind")));
            node.put("created_at", SqlValues.instant(row.get("created_at")).toString());
            node.set("payload", redactedPayload(row.get("payload")));
        }
        ArrayNode enrichment = document.putArray("enrichment_data");
        for (Map<String, Object> row : nullToEmpty(enrichmentRows)) {
            ObjectNode node = enrichment.addObject();
            node.put("id", String.valueOf(row.get("id")));
            node.put("source", SqlValues.trimmed(row.get("source")));
            node.put("created_at", SqlValues.instant(row.get("created_at")).toString());
            node.set("payload", redactedPayload(row.get("payload")));
        }
        document.set(
                "inputs",
                completion.getInputs() == null ? mapper.createObjectNode() : redactor.redact(completion.getInputs()));
        if (completion.getPdf() != null) {
            document.set("pdf", redactor.redact(completion.getPdf()));
        }
        document.set("unknown_fields", redactor.redact(completion.getUnknownFields()));
        return document;
    }

    /** The pipeline logs as they will be stored: masked, re-serialised compactly; null when none were sent. */
    public String redactedLogs(CompletionMessage completion) {
        JsonNode logs = completion.getPipelineLogs();
        if (logs == null || logs.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(redactor.redact(logs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pipeline logs could not be serialised", e);
        }
    }

    private JsonNode redactedPayload(Object column) {
        String json = JsonColumns.text(column);
        if (json == null) {
            return mapper.nullNode();
        }
        try {
            return redactor.redact(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            // A source row that is not JSON is still evidence: keep it as (masked) text rather than fail the report.
            return mapper.getNodeFactory().textNode(redactor.redactText(json));
        }
    }

    private static void putNullable(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }

    private static List<Map<String, Object>> nullToEmpty(List<Map<String, Object>> rows) {
        return rows == null ? List.of() : rows;
    }
}
