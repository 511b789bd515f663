package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/lineage/{lineage_id}/openlineage}: the record's OpenLineage events as sent (from the outbox, with
 * their delivery state), or, for a record captured while delivery was off, as they would be sent (state
 * {@code not_queued}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OpenLineageRecord(
        @JsonProperty("lineage_id") String lineageId,
        @JsonProperty("run_id") String runId,
        @JsonProperty("delivery_enabled") boolean deliveryEnabled,
        @JsonProperty("events") List<Event> events) {

    /** One RunEvent and what became of it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Event(
            @JsonProperty("event_type") String eventType,
            @JsonProperty("state") String state,
            @JsonProperty("attempts") int attempts,

            @Schema(nullable = true) @JsonProperty("last_error")
            String lastError,

            @Schema(nullable = true) @JsonProperty("next_attempt_at")
            String nextAttemptAt,

            @Schema(nullable = true) @JsonProperty("delivered_at")
            String deliveredAt,

            @JsonProperty("event") Map<String, Object> event) {}
}
