package com.leadfactory.lineage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.db.SqlValues;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Prepares the parameters of {@code insert-audit-row.sql} for the read in progress, as the exchange property
 * {@code audit}. The read route says what it did through exchange properties: {@code auditAction} (required),
 * and optionally {@code auditLineageId}, {@code auditOutcome} and {@code auditDetails}; an access recorded for
 * another system also sets {@code auditOnBehalfOf}, {@code auditOccurredAt}, {@code auditEventId} and the purpose
 * it reported, {@code auditPurpose}. Without an outcome a null body means not_found, anything else ok; without a
 * lineage id the body's {@code id} is used. Without {@code auditPurpose}, the caller's stated purpose comes from
 * the caller headers (see {@link AccessPurposeFilter}).
 */
@Component("auditRows")
public class AuditRows {

    public static final String SYSTEM_USER_PREFIX = "system:";
    private static final int MAX_DETAILS = 8000;
    static final int MAX_DETAILS_VALUE = 1000;

    private final ObjectMapper mapper;

    public AuditRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        String action = exchange.getProperty("auditAction", String.class);
        if (action == null) {
            throw new IllegalStateException(
                    "route " + exchange.getFromRouteId() + " writes an audit row without auditAction");
        }
        Object lineageId = exchange.getProperty("auditLineageId");
        if (lineageId == null && body instanceof Map<?, ?> row) {
            lineageId = row.get("id");
        }
        String outcome = exchange.getProperty("auditOutcome", String.class);
        if (outcome == null) {
            outcome = body == null ? "not_found" : "ok";
        }
        Map<String, Object> audit = new HashMap<>();
        audit.put("id", TimeOrderedUuid.next());
        audit.put("lineage_id", SqlValues.uuid(lineageId));
        audit.put("action", action);
        audit.put("user_id", orDefault(message.getHeader(CallerHeaders.PRINCIPAL, String.class), "anonymous"));
        audit.put("ip_address", message.getHeader(CallerHeaders.CLIENT_IP, String.class));
        audit.put("user_agent", message.getHeader(CallerHeaders.USER_AGENT, String.class));
        // microseconds, as both databases store it: the 201 of an audit write shows this map, and must show the row
        audit.put("accessed_at", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        audit.put("outcome", outcome);
        audit.put("request_id", message.getHeader(CallerHeaders.REQUEST_ID, String.class));
        audit.put("details", details(exchange.getProperty("auditDetails")));
        String purpose = exchange.getProperty("auditPurpose", String.class);
        audit.put("purpose", purpose != null ? purpose : message.getHeader(CallerHeaders.PURPOSE, String.class));
        audit.put("on_behalf_of", exchange.getProperty("auditOnBehalfOf", String.class));
        audit.put("occurred_at", exchange.getProperty("auditOccurredAt", OffsetDateTime.class));
        audit.put("event_id", exchange.getProperty("auditEventId", String.class));
        exchange.setProperty("audit", audit);
        exchange.setProperty("auditOutcome", outcome);
    }

    /**
     * The details as JSON text of at most {@link #MAX_DETAILS} characters (the column's size). Too long, its long
     * text values are cut to {@link #MAX_DETAILS_VALUE} characters and {@code details_truncated} says so; the text
     * itself is never cut, which stored something that was no longer JSON (a refused call's 8 KB path did that, and
     * the trail then answered that row's details as a string).
     */
    private String details(Object details) throws JsonProcessingException {
        if (details == null) {
            return null;
        }
        String json = details instanceof String text ? text : mapper.writeValueAsString(details);
        if (json.length() <= MAX_DETAILS) {
            return json;
        }
        if (details instanceof Map<?, ?> map) {
            Map<Object, Object> cut = new LinkedHashMap<>();
            map.forEach((key, value) -> cut.put(key, value instanceof String text ? shortened(text) : value));
            cut.put("details_truncated", true);
            String shorter = mapper.writeValueAsString(cut);
            if (shorter.length() <= MAX_DETAILS) {
                return shorter;
            }
        }
        Map<String, Object> placeholder = new LinkedHashMap<>();
        placeholder.put("details_truncated", true);
        placeholder.put("details_length", json.length());
        return mapper.writeValueAsString(placeholder);
    }

    private static String shortened(String text) {
        if (text.length() <= MAX_DETAILS_VALUE) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_DETAILS_VALUE - 1))
                ? MAX_DETAILS_VALUE - 1
                : MAX_DETAILS_VALUE;
        return text.substring(0, end);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
