package com.leadfactory.lineage.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.SqlValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/** The download and bundle responses: file names, ETag, conditional requests, bundle entries. */
@Component("lineageFiles")
public class LineageFiles {

    private final ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final LineageSummaryMapper summaries;

    public LineageFiles(LineageSummaryMapper summaries) {
        this.summaries = summaries;
    }

    /** Serves the stored gzip as it is: no re-compression, ETag = the raw inputs' SHA-256. */
    public void rawInputsResponse(Exchange exchange) {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        Map<String, Object> row = message.getBody(Map.class);
        String etag = "\"" + SqlValues.trimmed(row.get("raw_inputs_sha256")) + "\"";
        String ifNoneMatch = message.getHeader("If-None-Match", String.class);
        byte[] gzip = (byte[]) row.get("raw_inputs_compressed");
        message.removeHeaders("*");
        message.setHeader("ETag", etag);
        message.setHeader("Cache-Control", "private, no-cache");
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/gzip");
        message.setHeader("Content-Disposition", "attachment; filename=\"" + baseName(row) + ".raw-inputs.json.gz\"");
        // not chunked: the binding then sends Content-Length, so clients can show progress and check size
        message.setHeader(Exchange.HTTP_CHUNKED, false);
        message.setBody(gzip);
    }

    /**
     * The raw-input document as JSON, inflated while it is sent: the body is a stream over the stored gzip, so a
     * 20 MB document never sits in memory as text.
     */
    public void rawInputsJson(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        Map<String, Object> row = message.getBody(Map.class);
        byte[] gzip = (byte[]) row.get("raw_inputs_compressed");
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Cache-Control", "private, no-cache");
        message.setBody(inflated(gzip));
    }

    /**
     * The bundle: a zip of {@code lineage.json}, {@code raw_inputs.json} and {@code pipeline_logs.json} (the logs as
     * the logs endpoint serves them: the gzip made at capture, else the JSON text of an older row), written while
     * each stored gzip is inflated through one buffer. A raw-input document of 13 MB compresses to a few KB: inflated
     * whole, and copied on its way into the zip, each bundle held it several times over, and a few dozen at once
     * ran the heap out. What is held is the zip itself, about the size of what is stored.
     */
    public void bundle(Exchange exchange, Map<String, Object> bundleRow) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            addEntry(
                    zip,
                    "lineage.json",
                    new ByteArrayInputStream(pretty.writeValueAsBytes(summaries.toSummary(bundleRow))));
            addEntry(zip, "raw_inputs.json", inflated((byte[]) bundleRow.get("raw_inputs_compressed")));
            addEntry(zip, "pipeline_logs.json", logs(bundleRow));
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/zip");
        message.setHeader("Content-Disposition", "attachment; filename=\"" + baseName(bundleRow) + ".bundle.zip\"");
        message.setHeader(Exchange.HTTP_CHUNKED, false);
        message.setBody(bytes.toByteArray());
    }

    private static void addEntry(ZipOutputStream zip, String name, InputStream content) throws IOException {
        try (InputStream in = content) {
            zip.putNextEntry(new ZipEntry(name));
            in.transferTo(zip);
            zip.closeEntry();
        }
    }

    private static InputStream inflated(byte[] gzip) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024);
    }

    private static InputStream logs(Map<String, Object> bundleRow) throws IOException {
        byte[] gzip = (byte[]) bundleRow.get("pipeline_logs_gzip");
        if (gzip != null) {
            return inflated(gzip);
        }
        String text = JsonColumns.text(bundleRow.get("pipeline_logs"));
        return new ByteArrayInputStream((text == null ? "null" : text).getBytes(StandardCharsets.UTF_8));
    }

    static String baseName(Map<String, Object> row) {
        return "lineage_" + row.get("report_generation_id") + "_lead-" + row.get("lead_id") + "_run-"
                + row.get("pipeline_run_id") + "_tpl-"
                + String.valueOf(row.get("template_version_id")).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
