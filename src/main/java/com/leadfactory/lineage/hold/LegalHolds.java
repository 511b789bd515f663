package com.leadfactory.lineage.hold;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.caller.JsonDuplicates;
import com.leadfactory.lineage.caller.PlainText;
import com.leadfactory.lineage.db.SqlValues;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.query.LegalHold;
import com.leadfactory.lineage.query.RequestParameters;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Java half of {@code routes/legal-hold.yaml}: the hold's target and reason from the request, the SQL
 * parameters (exchange property {@code hold}), the audit properties, and the hold row as the API's
 * {@link LegalHold}. docs/ARCHITECTURE.md, 'Legal hold'.
 */
@Component("legalHolds")
public class LegalHolds {

    public static final int MIN_REASON = 3;
    public static final int MAX_REASON = 500;
    static final String HOLD = "hold";
    private static final Logger log = LoggerFactory.getLogger(LegalHolds.class);

    private final ObjectMapper mapper;
    private final RequestParameters parameters;

    public LegalHolds(ObjectMapper mapper, RequestParameters parameters) {
        this.mapper = mapper;
        this.parameters = parameters;
    }

    /** PUT: the target (scope {@code lineage} or {@code lead}, from the path) and the body's reason. */
    public void place(Exchange exchange, String scope) {
        Map<String, Object> hold = target(exchange, scope);
        hold.put("reason", reason(exchange.getMessage().getBody(byte[].class)));
        hold.put("id", TimeOrderedUuid.next());
        hold.put("placed_by", caller(exchange.getMessage()));
        // microseconds, as both databases store it: the 201 shows this, and must equal the row read back later
        hold.put("placed_at", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }

    /** DELETE: the target only; a body, if any, is ignored. */
    public void release(Exchange exchange, String scope) {
        target(exchange, scope);
    }

    /** After the insert or delete: what changed, for the audit row and the response. */
    @SuppressWarnings("unchecked")
    public void changed(Exchange exchange) {
        Map<String, Object> hold = exchange.getProperty(HOLD, Map.class);
        int count = exchange.getMessage().getHeader("CamelSqlUpdateCount", 0, Integer.class);
        boolean placing = "hold_place".equals(exchange.getProperty("auditAction"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scope", hold.get("scope"));
        if (hold.get("lead_id") != null) {
            details.put("lead_id", String.valueOf(hold.get("lead_id")));
        }
        if (placing) {
            details.put("reason", hold.get("reason"));
            details.put("placed", count > 0);
        } else {
            details.put("released", count > 0);
        }
        exchange.setProperty("holdStatus", placing && count > 0 ? 201 : 200);
        exchange.setProperty("auditDetails", details);
        exchange.setProperty("auditOutcome", "ok");
        log.info(
                "Legal hold {} on {} {} by {}: {}.",
                placing ? "place" : "release",
                hold.get("scope"),
                target(hold),
                caller(exchange.getMessage()),
                count > 0 ? "done" : (placing ? "already held, hold unchanged" : "was not held"));
    }

    /** The target does not exist: nothing changes, the audit row says not_found. */
    @SuppressWarnings("unchecked")
    public void notFound(Exchange exchange) {
        Map<String, Object> hold = exchange.getProperty(HOLD, Map.class);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scope", hold.get("scope"));
        if (hold.get("lead_id") != null) {
            details.put("lead_id", String.valueOf(hold.get("lead_id")));
        }
        exchange.setProperty("auditDetails", details);
        exchange.setProperty("auditOutcome", "not_found");
        exchange.getMessage().setBody(null);
    }

    /** A lineage_legal_hold row as the API's hold. */
    public LegalHold toHold(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        UUID lineageId = SqlValues.uuid(row.get("lineage_id"));
        UUID leadId = SqlValues.uuid(row.get("lead_id"));
        return new LegalHold(
                lineageId != null ? "lineage" : "lead",
                lineageId == null ? null : lineageId.toString(),
                leadId == null ? null : leadId.toString(),
                (String) row.get("reason"),
                (String) row.get("placed_by"),
                SqlValues.instant(row.get("placed_at")).toString());
    }

    private Map<String, Object> target(Exchange exchange, String scope) {
        Message message = exchange.getMessage();
        Map<String, Object> hold = new HashMap<>();
        hold.put("scope", scope);
        if ("lead".equals(scope)) {
            UUID leadId = parameters.uuid("lead_id", message.getHeader("lead_id"));
            hold.put("lineage_id", null);
            hold.put("lead_id", leadId);
            exchange.setProperty("lead_id", leadId);
            exchange.setProperty("holdTargetQuery", "count-lead-records.sql");
            exchange.setProperty("holdTarget", "lead " + leadId);
        } else if ("lineage".equals(scope)) {
            UUID lineageId = parameters.uuid("lineage_id", message.getHeader("lineage_id"));
            hold.put("lineage_id", lineageId);
            hold.put("lead_id", null);
            exchange.setProperty("lineage_id", lineageId);
            exchange.setProperty("auditLineageId", lineageId);
            exchange.setProperty("holdTargetQuery", "count-lineage-by-id.sql");
            exchange.setProperty("holdTarget", "lineage record " + lineageId);
        } else {
            throw new IllegalArgumentException("a hold's scope is lineage or lead, not " + scope);
        }
        exchange.setProperty(HOLD, hold);
        return hold;
    }

    /** The reason: a JSON body {@code {"reason": "..."}}, 3-500 characters without control characters. */
    String reason(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadParameterException("reason", "is required (body {\"reason\": \"...\"})");
        }
        JsonNode json;
        try {
            json = mapper.reader()
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(body);
        } catch (JsonParseException e) {
            // the key that was repeated, not always "reason": {"reason": "…", "note": 1, "note": 2}
            String repeated = JsonDuplicates.repeatedKey(e);
            if (repeated != null) {
                throw new BadParameterException(repeated, "is given more than once");
            }
            throw new BadParameterException("reason", "the body is not JSON (expected {\"reason\": \"...\"})");
        } catch (IOException e) {
            throw new BadParameterException("reason", "the body is not JSON (expected {\"reason\": \"...\"})");
        }
        if (json != null && json.isObject()) {
            // a field the hold does not have (an expiry, say) would otherwise be dropped in silence
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!"reason".equals(name)) {
                    throw new BadParameterException(
                            name, "is not a field of a hold: the body is {\"reason\": \"...\"} only");
                }
            }
        }
        JsonNode reason = json == null || !json.isObject() ? null : json.get("reason");
        if (reason == null || reason.isNull()) {
            throw new BadParameterException("reason", "is required (body {\"reason\": \"...\"})");
        }
        if (!reason.isTextual()) {
            throw new BadParameterException("reason", "must be a string");
        }
        String text = reason.asText();
        if (text.isBlank()) {
            throw new BadParameterException("reason", "must not be blank");
        }
        int length = text.codePointCount(0, text.length());
        if (length < MIN_REASON || length > MAX_REASON) {
            throw new BadParameterException(
                    "reason", "must be " + MIN_REASON + "-" + MAX_REASON + " characters (was " + length + ")");
        }
        String characters = PlainText.problem(text);
        if (characters != null) {
            throw new BadParameterException("reason", characters);
        }
        return text;
    }

    private static Object target(Map<String, Object> hold) {
        return hold.get("lineage_id") != null ? hold.get("lineage_id") : hold.get("lead_id");
    }

    private static String caller(Message message) {
        String principal = message.getHeader(CallerHeaders.PRINCIPAL, String.class);
        return principal == null || principal.isBlank() ? "anonymous" : principal;
    }
}
