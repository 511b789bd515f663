package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.SortedMap;
import java.util.UUID;

/**
 * A validated completion message. Built only by {@link CompletionValidator} from a freshly parsed tree, so the
 * JSON nodes are owned by this object; callers must treat them as read-only. JavaBean getters because Camel
 * Simple expressions ({@code ${body.leadId}}) resolve properties through them.
 */
public final class CompletionMessage {

    private final UUID reportGenerationId;
    private final UUID leadId;
    private final UUID pipelineRunId;
    private final String templateVersionId;
    private final OffsetDateTime pipelineStartedAt;
    private final OffsetDateTime pipelineFinishedAt;
    private final ObjectNode pdf;
    private final String pdfUri;
    private final String pdfSha256;
    private final Long pdfSizeBytes;
    private final JsonNode pipelineLogs;
    private final JsonNode inputs;
    private final ObjectNode unknownFields;
    private final SortedMap<String, String> fieldDigests;

    @SuppressWarnings("java:S107") // mirrors the contract one-to-one; only the validator calls it
    CompletionMessage(
            UUID reportGenerationId,
            UUID leadId,
            UUID pipelineRunId,
            String templateVersionId,
            OffsetDateTime pipelineStartedAt,
            OffsetDateTime pipelineFinishedAt,
            ObjectNode pdf,
            String pdfUri,
            String pdfSha256,
            Long pdfSizeBytes,
            JsonNode pipelineLogs,
            JsonNode inputs,
            ObjectNode unknownFields,
            SortedMap<String, String> fieldDigests) {
        this.reportGenerationId = reportGenerationId;
        this.leadId = leadId;
        this.pipelineRunId = pipelineRunId;
        this.templateVersionId = templateVersionId;
        this.pipelineStartedAt = pipelineStartedAt;
        this.pipelineFinishedAt = pipelineFinishedAt;
        this.pdf = pdf;
        this.pdfUri = pdfUri;
        this.pdfSha256 = pdfSha256;
        this.pdfSizeBytes = pdfSizeBytes;
        this.pipelineLogs = pipelineLogs;
        this.inputs = inputs;
        this.unknownFields = unknownFields;
        this.fieldDigests = Collections.unmodifiableSortedMap(fieldDigests);
    }

    public UUID getReportGenerationId() {
        return reportGenerationId;
    }

    public UUID getLeadId() {
        return leadId;
    }

    public UUID getPipelineRunId() {
        return pipelineRunId;
    }

    public String getTemplateVersionId() {
        return templateVersionId;
    }

    /** Always at UTC offset. */
    public OffsetDateTime getPipelineStartedAt() {
        return pipelineStartedAt;
    }

    /** Always at UTC offset. */
    public OffsetDateTime getPipelineFinishedAt() {
        return pipelineFinishedAt;
    }

    /** The pdf object exactly as sent (including fields we do not interpret), or null. */
    public ObjectNode getPdf() {
        return pdf;
    }

    public String getPdfUri() {
        return pdfUri;
    }

    /** Lower-cased hex, or null. */
    public String getPdfSha256() {
        return pdfSha256;
    }

    public Long getPdfSizeBytes() {
        return pdfSizeBytes;
    }

    /** A JSON array or object, or null. */
    public JsonNode getPipelineLogs() {
        return pipelineLogs;
    }

    /** A JSON object, or null when absent or JSON null. */
    public JsonNode getInputs() {
        return inputs;
    }

    /** Top-level fields outside the contract; never null. */
    public ObjectNode getUnknownFields() {
        return unknownFields;
    }

    /**
     * SHA-256 of the canonical JSON of each field a repeat is not compared on by value (pipeline_logs, inputs,
     * pdf.* but pdf.sha256, unknown fields), by field name; never null.
     */
    public SortedMap<String, String> getFieldDigests() {
        return fieldDigests;
    }

    /** Ids only: the payload may contain secrets and must not end up in logs. */
    @Override
    public String toString() {
        return "CompletionMessage[reportGenerationId=" + reportGenerationId + ", leadId=" + leadId + ", pipelineRunId="
                + pipelineRunId + ", templateVersionId=" + templateVersionId + "]";
    }
}
