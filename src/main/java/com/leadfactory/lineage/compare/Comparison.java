package com.leadfactory.lineage.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.leadfactory.lineage.query.LineageSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * GET /api/lineage/compare's answer: both summaries side by side, which of their identifying fields agree, the
 * logs compared and, for auditors who state a purpose, the raw-input documents' differences (docs/ARCHITECTURE.md,
 * 'Comparing two reports'). {@code inputs_need_purpose}: an auditor gets the diff by asking again with
 * {@code X-Access-Purpose}, as for a download: the diff shows customer data.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Comparison(
        @JsonProperty("a") LineageSummary a,
        @JsonProperty("b") LineageSummary b,
        @JsonProperty("same") Map<String, Boolean> same,
        @JsonProperty("logs") LogComparison logs,
        @Schema(nullable = true) @JsonProperty("inputs") InputsDiff inputs,

        @Schema(nullable = true) @JsonProperty("inputs_omitted")
        String inputsOmitted,

        @JsonProperty("inputs_need_purpose") boolean inputsNeedPurpose) {

    /** The raw-input documents' differences, a to b. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record InputsDiff(
            @JsonProperty("identical") boolean identical,
            @JsonProperty("change_count") long changeCount,
            @JsonProperty("changes") List<JsonChange> changes,
            @JsonProperty("changes_truncated") boolean changesTruncated,
            @JsonProperty("a_truncated") boolean aTruncated,
            @JsonProperty("b_truncated") boolean bTruncated,
            @Schema(nullable = true) @JsonProperty("note") String note) {}
}
