package com.leadfactory.lineage.query;

import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.web.PrecompressedBodyFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The logs endpoint's response from a select-lineage-logs.sql row: the gzip made at capture, sent as it is to a
 * client that accepts gzip and inflated on the way out to one that does not; the JSON text for rows captured
 * before that gzip existed; the JSON literal {@code null} for a record without logs (docs/DESIGN-NOTES.md,
 * "Logs served pre-compressed").
 */
@Component("logsResponse")
public class LogsResponse {

    public void respond(Exchange exchange) {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        Map<String, Object> row = message.getBody(Map.class);
        boolean acceptsGzip = acceptsGzip(message.getHeader("Accept-Encoding", String.class));
        byte[] gzip = (byte[]) row.get("pipeline_logs_gzip");
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Vary", "Accept-Encoding");
        if (gzip == null) {
            String text = JsonColumns.text(row.get("pipeline_logs"));
            message.setBody(text == null ? "null" : text);
        } else if (acceptsGzip) {
            message.setHeader(PrecompressedBodyFilter.HEADER, "gzip");
            message.setHeader(Exchange.HTTP_CHUNKED, false);
            message.setBody(gzip);
        } else {
            message.setBody(inflating(gzip));
        }
    }

    /** RFC 9110 §12.5.3: gzip (or *) listed without q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) {
                return !refused(parts);
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static GZIPInputStream inflating(byte[] gzip) {
        try {
            return new GZIPInputStream(new ByteArrayInputStream(gzip), 8192);
        } catch (IOException e) {
            throw new UncheckedIOException("stored logs gzip unreadable", e);
        }
    }
}
