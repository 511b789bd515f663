package com.leadfactory.lineage.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.SqlValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
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
        message.setBody(new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024));
    }

    public void bundleResponse(Exchange exchange, Map<String, Object> bundleRow) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/zip");
        message.setHeader("Content-Disposition", "attachment; filename=\"" + baseName(bundleRow) + ".bundle.zip\"");
        message.setHeader(Exchange.HTTP_CHUNKED, false);
    }

    /**
     * The three files of a bundle (from a select-lineage-bundle.sql row), as {name, content} entries; the logs as
     * the logs endpoint serves them (the gzip made at capture, else the JSON text of an older row).
     */
    public List<Map<String, Object>> bundleEntries(Map<String, Object> bundleRow, byte[] rawInputsJson)
            throws IOException {
        return List.of(
                entry("lineage.json", pretty.writeValueAsBytes(summaries.toSummary(bundleRow))),
                entry("raw_inputs.json", rawInputsJson),
                entry("pipeline_logs.json", logs(bundleRow)));
    }

    private static byte[] logs(Map<String, Object> bundleRow) throws IOException {
        byte[] gzip = (byte[]) bundleRow.get("pipeline_logs_gzip");
        if (gzip != null) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024)) {
                return in.readAllBytes();
            }
        }
        String text = JsonColumns.text(bundleRow.get("pipeline_logs"));
        return (text == null ? "null" : text).getBytes(StandardCharsets.UTF_8);
    }

    static String baseName(Map<String, Object> row) {
        return "lineage_" + row.get("report_generation_id") + "_lead-" + row.get("lead_id") + "_run-"
                + row.get("pipeline_run_id") + "_tpl-"
                + String.valueOf(row.get("template_version_id")).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Map<String, Object> entry(String name, byte[] content) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("content", content);
        return entry;
    }
}
