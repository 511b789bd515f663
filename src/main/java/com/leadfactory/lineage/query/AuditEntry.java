package com.leadfactory.lineage.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One row of a record's audit trail as the API shows it; {@code details} is the JSON the read recorded,
 * {@code purpose} the reason the reader stated; {@code on_behalf_of}, {@code occurred_at} and {@code event_id}
 * are set on accesses another system recorded here. {@code report_generation_id} is given by the search of the
 * whole trail only (GET /api/audit, while the record exists), so the panel can link to the record.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEntry(
        @JsonProperty("id") String id,
        @Schema(nullable = true) @JsonProperty("lineage_id") String lineageId,
        @JsonProperty("action") String action,
        @JsonProperty("user_id") String userId,
        @Schema(nullable = true) @JsonProperty("ip_address") String ipAddress,
        @Schema(nullable = true) @JsonProperty("user_agent") String userAgent,
        @JsonProperty("accessed_at") String accessedAt,
        @JsonProperty("outcome") String outcome,
        @Schema(nullable = true) @JsonProperty("request_id") String requestId,
        @Schema(nullable = true) @JsonProperty("details") Object details,
        @Schema(nullable = true) @JsonProperty("purpose") String purpose,

        @Schema(nullable = true) @JsonProperty("on_behalf_of")
        String onBehalfOf,

        @Schema(nullable = true) @JsonProperty("occurred_at")
        String occurredAt,

        @Schema(nullable = true) @JsonProperty("event_id") String eventId,

        @JsonProperty("report_generation_id") @JsonInclude(JsonInclude.Include.NON_NULL)
        String reportGenerationId) {

    /** A report_lineage_audit row (column name to value) as the API shows it. */
    public static AuditEntry of(java.util.Map<String, Object> row) {
        return AuditEntries.toEntry(row);
    }
}
