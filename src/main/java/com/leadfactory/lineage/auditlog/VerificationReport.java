package com.leadfactory.lineage.auditlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the verifier found: {@code verified} with the counts and the latest signed root, or {@code broken} with
 * the first break. Rows after the last checkpoint are counted as not yet covered, which is not a break.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VerificationReport(
        @JsonProperty("status") String status,
        @JsonProperty("rows") long rows,
        @JsonProperty("checkpoints") int checkpoints,
        @JsonProperty("exported_checkpoints") int exportedCheckpoints,

        @Schema(nullable = true) @JsonProperty("latest_size")
        Long latestSize,

        @Schema(nullable = true) @JsonProperty("latest_root")
        String latestRoot,

        @JsonProperty("not_yet_covered") long notYetCovered,
        @Schema(nullable = true) @JsonProperty("break") Break breakage,
        @Schema(nullable = true) @JsonProperty("message") String message) {

    public static final String VERIFIED = "verified";
    public static final String BROKEN = "broken";

    public boolean verified() {
        return VERIFIED.equals(status);
    }

    /**
     * The first place the log breaks. {@code kind}: row_modified, row_missing, row_inserted, rows_reordered,
     * checkpoint_signature_invalid, checkpoint_inconsistent, database_rolled_back, head_inconsistent.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Break(
            @JsonProperty("kind") String kind,
            @Schema(nullable = true) @JsonProperty("seq") Long seq,

            @Schema(nullable = true) @JsonProperty("audit_id")
            String auditId,

            @Schema(nullable = true) @JsonProperty("checkpoint_size")
            Long checkpointSize,

            @Schema(nullable = true) @JsonProperty("detail") String detail) {}
}
