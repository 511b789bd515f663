package com.leadfactory.lineage.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** The lineage summary of one report (docs/ARCHITECTURE.md, 'HTTP API'): the triplet, timings, sizes, hashes, links, and whether a legal hold (the record's or its lead's) keeps it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LineageSummary(
        @JsonProperty("lineage_id") String lineageId,
        @JsonProperty("report_generation_id") String reportGenerationId,
        @JsonProperty("lead_id") String leadId,
        @JsonProperty("pipeline_run_id") String pipelineRunId,
        @JsonProperty("template_version_id") String templateVersionId,
        @JsonProperty("pipeline_started_at") String pipelineStartedAt,
        @JsonProperty("pipeline_finished_at") String pipelineFinishedAt,
        @JsonProperty("pipeline_duration_seconds") BigDecimal pipelineDurationSeconds,
        @JsonProperty("raw_inputs_size_bytes") Long rawInputsSizeBytes,
        @JsonProperty("raw_inputs_compressed_bytes") Long rawInputsCompressedBytes,
        @JsonProperty("compression_ratio") BigDecimal compressionRatio,
        @JsonProperty("raw_inputs_sha256") String rawInputsSha256,
        @Schema(nullable = true) @JsonProperty("pdf_sha256") String pdfSha256,
        @JsonProperty("truncated") boolean truncated,
        @JsonProperty("capture_source") String captureSource,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("access_count") Long accessCount,

        @Schema(nullable = true) @JsonProperty("last_accessed_at")
        String lastAccessedAt,

        @JsonProperty("links") Links links,
        @JsonProperty("legal_hold") boolean legalHold) {

    /** Where to read more about this record. */
    public record Links(
            @JsonProperty("self") String self,
            @JsonProperty("logs") String logs,
            @JsonProperty("download") String download,
            @JsonProperty("bundle") String bundle,
            @JsonProperty("audit") String audit) {}
}
