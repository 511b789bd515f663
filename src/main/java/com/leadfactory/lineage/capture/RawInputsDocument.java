package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.leadfactory.lineage.caller.ExactDecimals;
import com.leadfactory.lineage.capture.SourceRows.Section;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.SqlValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The raw-inputs document of one report (docs/ARCHITECTURE.md, 'Tables'), written as compact JSON one source row at
 * a time: a row is parsed, masked by {@link SecretRedactor} and written before the next is read, so no more than one
 * row's text and tree is in memory (docs/DESIGN-NOTES.md, "Raw inputs: streamed row by row"). The completion's own
 * parts (inputs, pdf, unknown fields) are masked once and kept: they are bounded by the completion's body limit.
 */
final class RawInputsDocument {

    static final int SCHEMA_VERSION = 1;
    static final String INPUTS = "inputs";
    static final String UNKNOWN_FIELDS = "unknown_fields";
    static final String TRUNCATION = "truncation";

    /** What a pass leaves out: rows (by id), whole parts, and the truncation object. */
    interface Omissions {
        Omissions NONE = new Omissions() {};

        default boolean skips(Section section, String id) {
            return false;
        }

        /** The size of a part replaced by {@code {"dropped": true, "size_bytes": n}}, or -1 when it is kept. */
        default long droppedPartBytes(String part) {
            return -1;
        }

        /** Written last when not null. */
        default JsonNode truncation() {
            return null;
        }
    }

    /** Told the compact JSON size of every row written (without the comma before it). */
    @FunctionalInterface
    interface RowSizes {
        RowSizes IGNORED = (section, id, row, bytes) -> {};

        void row(Section section, String id, Map<String, Object> row, long bytes);
    }

    private final ObjectMapper mapper;
    /**
     * Reads a source row's payload keeping its numbers as the source has them: a double would store
     * 3.141592653589793238 as 3.141592653589793 and 1e-400 as 0.0 in "what the pipeline saw" (docs/DESIGN-NOTES.md,
     * "Numbers in the raw inputs"). Integers are exact either way.
     */
    private final ObjectReader payloadReader;

    private final ObjectWriter writer;
    private final SecretRedactor redactor;
    private final CompletionMessage completion;
    private final String capturedAt;
    private final JsonNode inputs;
    private final JsonNode pdf;
    private final JsonNode unknownFields;

    RawInputsDocument(ObjectMapper mapper, SecretRedactor redactor, CompletionMessage completion, Instant capturedAt) {
        this.mapper = mapper;
        this.payloadReader = ExactDecimals.reading(mapper.reader());
        // each row's tree is written into the one generator; a flush per row would only add gzip calls
        this.writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.redactor = redactor;
        this.completion = completion;
        this.capturedAt = capturedAt.toString();
        this.inputs =
                completion.getInputs() == null ? mapper.createObjectNode() : redactor.redact(completion.getInputs());
        this.pdf = completion.getPdf() == null ? null : redactor.redact(completion.getPdf());
        this.unknownFields = redactor.redact(completion.getUnknownFields());
    }

    /** The masked value of a part that can be dropped ({@value #INPUTS}, {@value #UNKNOWN_FIELDS}); may be null. */
    JsonNode part(String name) {
        return INPUTS.equals(name) ? inputs : unknownFields;
    }

    /**
     * Writes the whole document. {@code written} tells how many bytes the generator has passed on so far; with the
     * generator's own buffer it measures each row.
     */
    void write(JsonGenerator json, SourceRows rows, Omissions omissions, RowSizes sizes, LongSupplier written)
            throws IOException {
        json.writeStartObject();
        json.writeNumberField("schema_version", SCHEMA_VERSION);
        json.writeStringField("captured_at", capturedAt);
        json.writeStringField(
                "report_generation_id", completion.getReportGenerationId().toString());
        json.writeStringField("lead_id", completion.getLeadId().toString());
        json.writeStringField("pipeline_run_id", completion.getPipelineRunId().toString());
        json.writeStringField("template_version_id", completion.getTemplateVersionId());
        // as instants: OffsetDateTime.toString() leaves out zero seconds (10:00Z), which is not RFC 3339
        json.writeStringField(
                "pipeline_started_at",
                completion.getPipelineStartedAt().toInstant().toString());
        json.writeStringField(
                "pipeline_finished_at",
                completion.getPipelineFinishedAt().toInstant().toString());
        json.writeStringField(
                "rows_as_of", completion.getPipelineFinishedAt().toInstant().toString());
        for (Section section : Section.values()) {
            json.writeArrayFieldStart(section.field());
            rows.forEach(section, row -> {
                String id = String.valueOf(row.get("id"));
                if (!omissions.skips(section, id)) {
                    writeRow(json, section, id, row, sizes, written);
                }
            });
            json.writeEndArray();
        }
        writePart(json, INPUTS, inputs, omissions);
        if (pdf != null) {
            json.writeFieldName("pdf");
            writer.writeValue(json, pdf);
        }
        writePart(json, UNKNOWN_FIELDS, unknownFields, omissions);
        JsonNode truncation = omissions.truncation();
        if (truncation != null) {
            json.writeFieldName(TRUNCATION);
            writer.writeValue(json, truncation);
        }
        json.writeEndObject();
    }

    private void writeRow(
            JsonGenerator json,
            Section section,
            String id,
            Map<String, Object> row,
            RowSizes sizes,
            LongSupplier written) {
        try {
            long before = written.getAsLong() + json.getOutputBuffered();
            boolean first = json.getOutputContext().getEntryCount() == 0;
            json.writeStartObject();
            json.writeStringField("id", id);
            if (section == Section.ASSESSMENT) {
                Object run = row.get("pipeline_run_id");
                json.writeStringField("pipeline_run_id", run == null ? null : run.toString());
            }
            json.writeStringField(section.label(), SqlValues.trimmed(row.get(section.label())));
            json.writeStringField(
                    "created_at", SqlValues.instant(row.get("created_at")).toString());
            json.writeFieldName("payload");
            writer.writeValue(json, maskedPayload(row.get("payload")));
            json.writeEndObject();
            long bytes = written.getAsLong() + json.getOutputBuffered() - before;
            sizes.row(section, id, row, first ? bytes : bytes - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writePart(JsonGenerator json, String name, JsonNode value, Omissions omissions) throws IOException {
        json.writeFieldName(name);
        long dropped = omissions.droppedPartBytes(name);
        if (dropped >= 0) {
            json.writeStartObject();
            json.writeBooleanField("dropped", true);
            json.writeNumberField("size_bytes", dropped);
            json.writeEndObject();
        } else {
            writer.writeValue(json, value);
        }
    }

    private JsonNode maskedPayload(Object column) {
        String text = JsonColumns.text(column);
        if (text == null) {
            return mapper.nullNode();
        }
        try {
            return redactor.redact(payloadReader.readTree(text));
        } catch (JsonProcessingException e) {
            // A source row that is not JSON is still evidence: keep it as (masked) text rather than fail the report.
            return mapper.getNodeFactory().textNode(redactor.redactText(text));
        }
    }
}
