package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.OpenLineageProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Builds {@link OpenLineageRecord} from a lineage record and its outbox rows (routes/openlineage-api.yaml). */
@Component
public class OpenLineageRecords {

    /** The state of an event that was never queued: the record was captured while delivery was off. */
    public static final String NOT_QUEUED = "not_queued";

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> EVENT =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private static final Logger LOG = LoggerFactory.getLogger(OpenLineageRecords.class);

    private final ObjectMapper mapper = new ObjectMapper();
    /**
     * Reads stored raw-input documents: no nesting limit below the one capture let through (a completion's unknown
     * fields sit one level deeper in the document than in the completion).
     */
    private final ObjectMapper documents = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(10_000).build())
            .build());

    private final RunEvents events;
    private final OpenLineageProperties properties;

    public OpenLineageRecords(RunEvents events, OpenLineageProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    /**
     * {@code record} is a row of routes/sql/select-lineage-openlineage-source.sql, {@code outbox} the rows of
     * routes/sql/select-openlineage-events-by-lineage.sql (in sequence order), {@code sentPdf} the completion's
     * {@code pdf} object from the stored raw-input document ({@link #sentPdf}), read only when the outbox has no
     * row, or null.
     */
    public OpenLineageRecord view(Map<String, Object> record, List<Map<String, Object>> outbox, JsonNode sentPdf) {
        ReportRun run = run(record, sentPdf);
        List<OpenLineageRecord.Event> list = outbox == null || outbox.isEmpty()
                ? events.events(run).stream()
                        .map(event -> new OpenLineageRecord.Event(
                                event.path("eventType").asText(), NOT_QUEUED, 0, null, null, null, asMap(event)))
                        .toList()
                : outbox.stream().map(this::event).toList();
        return new OpenLineageRecord(
                run.lineageId().toString(), run.reportGenerationId().toString(), properties.isEnabled(), list);
    }

    /**
     * The {@code pdf} object the completion sent, as the stored raw-input document keeps it (a row of
     * routes/sql/select-lineage-raw-inputs.sql), or null when it sent none. Delivery names the PDF dataset by its
     * {@code uri} and reports its {@code size_bytes}, neither of which is a column of the record. The document is
     * read as a stream up to {@code pdf}, which precedes the parts that can be large or deep only in part
     * (unknown fields). An unreadable document gives null: the events are then shown without those two values.
     */
    public JsonNode sentPdf(Map<String, Object> rawInputs) {
        Object gzip = rawInputs == null ? null : rawInputs.get("raw_inputs_compressed");
        if (!(gzip instanceof byte[] bytes)) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 64 * 1024);
                JsonParser json = documents.createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if ("pdf".equals(field)) {
                    JsonNode pdf = json.readValueAsTree();
                    return pdf != null && pdf.isObject() ? pdf : null;
                }
                json.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "the raw-input document of lineage record {} could not be read for its pdf: {}",
                    rawInputs.get("id"),
                    e.toString());
            return null;
        }
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

    private Map<String, Object> asMap(JsonNode event) {
        return mapper.convertValue(event, EVENT);
    }

    /**
     * The record as delivery saw it at capture: the PDF's URI and size from the completion's {@code pdf} (the
     * hash is the record's column, stored as delivery sent it, lower case).
     */
    static ReportRun run(Map<String, Object> record, JsonNode sentPdf) {
        JsonNode pdf = sentPdf == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : sentPdf;
        JsonNode size = pdf.path("size_bytes");
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
                pdf.path("uri").isTextual() ? pdf.path("uri").textValue() : null,
                (String) record.get("pdf_sha256"),
                size.isIntegralNumber() && size.canConvertToLong() ? size.longValue() : null);
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
