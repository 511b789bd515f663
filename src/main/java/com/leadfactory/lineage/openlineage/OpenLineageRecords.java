package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.OpenLineageProperties;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds {@link OpenLineageRecord} from a lineage record and its outbox rows (routes/openlineage-api.yaml). */
@Component
public class OpenLineageRecords {

    /** The state of an event that was never queued: the record was captured while delivery was off. */
    public static final String NOT_QUEUED = "not_queued";

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> EVENT =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private final ObjectMapper mapper = new ObjectMapper();
    private final RunEvents events;
    private final OpenLineageProperties properties;

    public OpenLineageRecords(RunEvents events, OpenLineageProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    /**
     * {@code record} is a row of routes/sql/select-lineage-openlineage-source.sql, {@code outbox} the rows of
     * routes/sql/select-openlineage-events-by-lineage.sql (in sequence order).
     */
    public OpenLineageRecord view(Map<String, Object> record, List<Map<String, Object>> outbox) {
        ReportRun run = run(record);
        List<OpenLineageRecord.Event> list = outbox == null || outbox.isEmpty()
                ? events.events(run).stream()
                        .map(event -> new OpenLineageRecord.Event(
                                event.path("eventType").asText(), NOT_QUEUED, 0, null, null, null, asMap(event)))
                        .toList()
                : outbox.stream().map(this::event).toList();
        return new OpenLineageRecord(
                run.lineageId().toString(), run.reportGenerationId().toString(), properties.isEnabled(), list);
    }

    private OpenLineageRecord.Event event(Map<String, Object> row) {
        try {
            return new OpenLineageRecord.Event(
                    (String) row.get("event_type"),
                    (String) row.get("state"),
                    ((Number) row.get("attempts")).intValue(),
                    (String) row.get("last_error"),
                    text(row.get("next_attempt_at")),
                    text(row.get("delivered_at")),
                    mapper.readValue((String) row.get("payload"), EVENT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox event is not JSON: " + row.get("id"), e);
        }
    }

    private Map<String, Object> asMap(com.fasterxml.jackson.databind.JsonNode event) {
        return mapper.convertValue(event, EVENT);
    }

    static ReportRun run(Map<String, Object> record) {
        return new ReportRun(
                uuid(record.get("lineage_id")),
                uuid(record.get("report_generation_id")),
                uuid(record.get("lead_id")),
                uuid(record.get("pipeline_run_id")),
                (String) record.get("template_version_id"),
                OpenLineageMetrics.toTime(record.get("pipeline_start_time")),
                OpenLineageMetrics.toTime(record.get("pipeline_end_time")),
                record.get("raw_inputs_size_bytes") == null
                        ? 0
                        : ((Number) record.get("raw_inputs_size_bytes")).longValue(),
                (String) record.get("raw_inputs_sha256"),
                Boolean.TRUE.equals(record.get("truncated")),
                (String) record.get("pdf_uri"),
                (String) record.get("pdf_sha256"),
                null);
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    private static String text(Object time) {
        OffsetDateTime value = OpenLineageMetrics.toTime(time);
        return value == null
                ? null
                : value.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }
}
