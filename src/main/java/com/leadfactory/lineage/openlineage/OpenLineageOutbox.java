package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.capture.CompletionMessage;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The named parameters of {@code routes/sql/insert-openlineage-events.sql}: a captured report's START and COMPLETE
 * events as outbox rows, due at once (docs/OPENLINEAGE.md, "Delivery").
 */
@Component
public class OpenLineageOutbox {

    private final RunEvents events;
    private final Clock clock;

    @Autowired
    public OpenLineageOutbox(RunEvents events) {
        this(events, Clock.systemUTC());
    }

    OpenLineageOutbox(RunEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** {@code lineageRow} is the map of {@code capture.LineageRowFactory#newRow}. */
    public Map<String, Object> rows(CompletionMessage completion, Map<String, Object> lineageRow) {
        ReportRun run = new ReportRun(
                (UUID) lineageRow.get("id"),
                completion.getReportGenerationId(),
                completion.getLeadId(),
                completion.getPipelineRunId(),
                completion.getTemplateVersionId(),
                completion.getPipelineStartedAt(),
                completion.getPipelineFinishedAt(),
                ((Number) lineageRow.get("raw_inputs_size_bytes")).longValue(),
                (String) lineageRow.get("raw_inputs_sha256"),
                Boolean.TRUE.equals(lineageRow.get("truncated")),
                completion.getPdfUri(),
                completion.getPdfSha256(),
                completion.getPdfSizeBytes());
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Object> rows = new HashMap<>();
        rows.put("lineage_id", run.lineageId());
        rows.put("run_id", run.reportGenerationId());
        rows.put("created_at", now);
        rows.put("start_id", TimeOrderedUuid.next());
        rows.put("start_time", run.startedAt());
        rows.put("start_payload", events.text(events.event(run, RunEvents.START)));
        rows.put("complete_id", TimeOrderedUuid.next());
        rows.put("complete_time", run.finishedAt());
        rows.put("complete_payload", events.text(events.event(run, RunEvents.COMPLETE)));
        return rows;
    }
}
