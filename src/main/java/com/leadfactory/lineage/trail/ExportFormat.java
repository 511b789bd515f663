package com.leadfactory.lineage.trail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.auditlog.CanonicalRow;
import com.leadfactory.lineage.query.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The two forms an export of the audit trail takes: NDJSON (one JSON object a line, the same fields as a page's
 * items, {@code report_generation_id} included) and CSV (RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, a semicolon, a tab, a quote or a line
 * break, quotes doubled). NDJSON writes every value as stored; {@code details} is its JSON text in CSV. CSV files
 * are opened in spreadsheets, which run a cell starting with {@code = + - @}, a tab or a carriage return as a
 * formula, and some values come from anyone who can reach the service (the user agent of a failed sign-in), so
 * such a field is written with a leading {@code '}; so is a field that starts with {@code '} itself, which keeps
 * the rule reversible: one leading {@code '} removed gives the stored value (docs/DESIGN-NOTES.md, "Streaming the
 * audit export").
 */
enum ExportFormat {
    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv", "csv");

    /**
     * Every column of an audit row, in the order the audit log hashes them (README, 'Proving the audit trail'),
     * then the record's report id as a page's items carry it (empty when the record is gone).
     */
    static final List<String> COLUMNS = java.util.stream.Stream.concat(
                    CanonicalRow.COLUMNS.stream(), java.util.stream.Stream.of("report_generation_id"))
            .toList();

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String contentType() {
        return this == CSV ? mediaType + "; charset=utf-8; header=present" : mediaType;
    }

    String extension() {
        return extension;
    }

    /**
     * The export the Accept header asks for, or null for a JSON page (no Accept, JSON, anything else). An export
     * named with {@code q=0} is one the client says it does not accept, not one it asks for.
     */
    static ExportFormat accepted(String accept) {
        if (accept == null) {
            return null;
        }
        String wanted = accept.toLowerCase(Locale.ROOT);
        for (String range : wanted.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim();
            for (ExportFormat format : values()) {
                if (format.mediaType.equals(type) && !refused(parts)) {
                    return format;
                }
            }
        }
        return null;
    }

    /** A media range with {@code q=0} (0, 0.0, 0.000: RFC 9110's "not acceptable"). */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("q=")) {
                return parameter.substring(2).trim().matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }

    /** What comes before the first row. */
    byte[] header() {
        return this == CSV ? (String.join(",", COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    byte[] row(AuditEntry entry, ObjectMapper mapper) throws JsonProcessingException {
        if (this == NDJSON) {
            byte[] json = mapper.writeValueAsBytes(entry);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        }
        Object details = entry.details();
        String detailsText =
                details == null ? null : details instanceof String s ? s : mapper.writeValueAsString(details);
        StringBuilder line = new StringBuilder(256);
        String[] fields = {
            entry.id(),
            entry.lineageId(),
            entry.action(),
            entry.userId(),
            entry.ipAddress(),
            entry.userAgent(),
            entry.accessedAt(),
            entry.outcome(),
            entry.requestId(),
            detailsText,
            entry.purpose(),
            entry.onBehalfOf(),
            entry.occurredAt(),
            entry.eventId(),
            entry.reportGenerationId()
        };
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            csvField(line, fields[i]);
        }
        line.append("\r\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The last line of an export that failed after it started: the servlet container ends a response whose body
     * failed as if it were complete, so the failure is said in the body (docs/DESIGN-NOTES.md, "Streaming the
     * audit export"). NDJSON: an object with {@code export_error}; CSV: a record whose one field starts with
     * {@code #export_error:}.
     */
    byte[] errorLine(String message, ObjectMapper mapper) throws JsonProcessingException {
        if (this == NDJSON) {
            return (mapper.writeValueAsString(java.util.Map.of("export_error", message)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder line = new StringBuilder();
        csvField(line, "#export_error: " + message);
        return line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static void csvField(StringBuilder line, String raw) {
        if (raw == null) {
            return;
        }
        String value = startsAFormula(raw) ? "'" + raw : raw;
        // a semicolon or tab too: spreadsheets whose locale lists with them split a CSV file there, and the part
        // after one could start a formula
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf(';') >= 0
                || value.indexOf('\t') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static boolean startsAFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r'".indexOf(value.charAt(0)) >= 0;
    }
}
