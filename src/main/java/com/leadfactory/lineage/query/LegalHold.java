package com.leadfactory.lineage.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A legal hold on one record ({@code scope} lineage, {@code lineage_id} set) or on every record of a lead, those
 * captured later included ({@code scope} lead, {@code lead_id} set). docs/ARCHITECTURE.md, 'Legal hold'.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LegalHold(
        @JsonProperty("scope") String scope,
        @Schema(nullable = true) @JsonProperty("lineage_id") String lineageId,
        @Schema(nullable = true) @JsonProperty("lead_id") String leadId,
        @JsonProperty("reason") String reason,
        @JsonProperty("placed_by") String placedBy,
        @JsonProperty("placed_at") String placedAt) {

    /** The body of PUT .../hold. */
    public record Request(@JsonProperty("reason") String reason) {}
}
