package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The completion message (docs/ARCHITECTURE.md, 'The completion message'), for the OpenAPI document only: {@link CompletionValidator} reads the
 * raw JSON itself so that it can name every offending field at once and keep unknown fields.
 */
@Schema(name = "Completion", description = "A report-completed message; unknown fields are kept, never rejected")
public record CompletionDocument(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid", description = "idempotency key")
        @JsonProperty("report_generation_id")
        String reportGenerationId,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") @JsonProperty("lead_id")
        String leadId,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") @JsonProperty("pipeline_run_id")
        String pipelineRunId,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 255)
        @JsonProperty("template_version_id")
        String templateVersionId,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") @JsonProperty("pipeline_started_at")
        String pipelineStartedAt,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                format = "date-time",
                description = "not before pipeline_started_at")
        @JsonProperty("pipeline_finished_at")
        String pipelineFinishedAt,

        @JsonProperty("pdf") Pdf pdf,

        @Schema(description = "JSON array or object, stored after masking") @JsonProperty("pipeline_logs")
        JsonNode pipelineLogs,

        @Schema(description = "extra raw inputs from upstream, stored with the assessment and enrichment rows")
        @JsonProperty("inputs")
        JsonNode inputs) {

    public record Pdf(
            @Schema(maxLength = CompletionValidator.PDF_URI_MAX) @JsonProperty("uri")
            String uri,

            @Schema(pattern = "^[0-9a-fA-F]{64}$") @JsonProperty("sha256")
            String sha256,

            @Schema(minimum = "0") @JsonProperty("size_bytes")
            Long sizeBytes) {}
}
