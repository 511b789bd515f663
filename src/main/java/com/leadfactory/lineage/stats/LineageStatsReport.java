package com.leadfactory.lineage.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The body of {@code GET /api/lineage/stats}: what was captured, what waits in the dead-letter queue, coverage. */
@Schema(name = "LineageStats")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LineageStatsReport(
        @Schema(description = "lineage rows stored") @JsonProperty("captured_total")
        long capturedTotal,

        @Schema(description = "lineage rows by capture_source: http, rabbitmq, reconciler, demo")
        @JsonProperty("by_source")
        Map<String, Long> bySource,

        @Schema(
                description = "messages waiting in the dead-letter queue now; null when the queue ingest is off or"
                        + " the broker cannot be asked",
                nullable = true)
        @JsonProperty("dead_lettered")
        Long deadLettered,

        @Schema(description = "rows of d6_report_generations with status completed") @JsonProperty("completed_reports")
        long completedReports,

        @Schema(description = "completed reports that have a lineage row")
        @JsonProperty("completed_reports_with_lineage")
        long completedReportsWithLineage,

        @Schema(
                description = "completed_reports_with_lineage / completed_reports (0..1); null with no completed"
                        + " reports",
                nullable = true)
        @JsonProperty("coverage")
        Double coverage,

        @Schema(description = "the OpenLineage outbox (docs/OPENLINEAGE.md): events not yet delivered, parked")
        @JsonProperty("openlineage")
        OpenLineageOutboxStats openlineage) {

    /** The OpenLineage outbox at a glance; all zero (and no oldest) while delivery is off. */
    @Schema(name = "OpenLineageOutboxStats")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OpenLineageOutboxStats(
            @Schema(description = "events waiting for delivery (retried with backoff)") @JsonProperty("pending")
            long pending,

            @Schema(description = "events the consumer refused (4xx); their reason is in GET .../openlineage")
            @JsonProperty("parked")
            long parked,

            @Schema(description = "created_at of the oldest pending event (RFC 3339); null when none", nullable = true)
            @JsonProperty("oldest_pending_at")
            String oldestPendingAt) {}
}
