package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.capture.RawInputsCompressor.CompressedRawInputs;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The named parameters of {@code routes/sql/insert-report-lineage.sql} for one captured report. */
@Component
public class LineageRowFactory {

    private final JsonColumns jsonColumns;
    private final Clock clock;

    @Autowired
    public LineageRowFactory(JsonColumns jsonColumns) {
        this(jsonColumns, Clock.systemUTC());
    }

    LineageRowFactory(JsonColumns jsonColumns, Clock clock) {
        this.jsonColumns = jsonColumns;
        this.clock = clock;
    }

    /** Every door to capture names itself (http, rabbitmq, reconciler, demo); a capture without one is a wiring bug. */
    static String captureSource(String captureSource) {
        if (captureSource == null || captureSource.isBlank()) {
            throw new IllegalStateException(
                    "a capture without the header LineageCaptureSource: the route that calls direct:capture-lineage"
                            + " must set it (http, rabbitmq, reconciler, demo)");
        }
        return captureSource;
    }

    public Map<String, Object> newRow(
            CompletionMessage completion, CompressedRawInputs rawInputs, String redactedLogs, String captureSource) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", TimeOrderedUuid.next());
        row.put("report_generation_id", completion.getReportGenerationId());
        row.put("lead_id", completion.getLeadId());
        row.put("pipeline_run_id", completion.getPipelineRunId());
        row.put("template_version_id", completion.getTemplateVersionId());
        row.put("pipeline_start_time", completion.getPipelineStartedAt());
        row.put("pipeline_end_time", completion.getPipelineFinishedAt());
        row.put("pipeline_logs", jsonColumns.bind(redactedLogs));
        row.put("pipeline_logs_gzip", gzip(redactedLogs));
        row.put("raw_inputs_compressed", rawInputs.gzip());
        row.put("raw_inputs_size_bytes", rawInputs.uncompressedBytes());
        row.put("compression_ratio", rawInputs.compressionRatio());
        row.put("raw_inputs_sha256", rawInputs.sha256Hex());
        row.put("pdf_sha256", completion.getPdfSha256());
        row.put("truncated", rawInputs.truncated());
        row.put("capture_source", captureSource(captureSource));
        row.put(
                "message_digests",
                jsonColumns.bind(CompletionAgreement.digestsToStore(completion, captureSource(captureSource))));
        row.put("created_at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        row.put("stored_bytes", rawInputs.gzip().length);
        return row;
    }

    /** The logs as the logs endpoint sends them (docs/DESIGN-NOTES.md, "Logs served pre-compressed"). */
    static byte[] gzip(String logs) {
        if (logs == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, logs.length() / 16));
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes, 8192), StandardCharsets.UTF_8)) {
            out.write(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
