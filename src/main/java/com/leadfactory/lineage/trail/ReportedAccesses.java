package com.leadfactory.lineage.trail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.caller.AccessPurpose;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.caller.JsonErrors;
import com.leadfactory.lineage.caller.PlainText;
import com.leadfactory.lineage.caller.Timestamps;
import com.leadfactory.lineage.db.SqlValues;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.problem.FieldViolation;
import com.leadfactory.lineage.query.AccessReport;
import com.leadfactory.lineage.query.AuditEntry;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Audit writes from other systems ({@code POST /api/lineage/{lineage_id}/audit}, routes/audit-writes.yaml): checks
 * the reported access and turns it into the exchange properties {@code direct:write-audit-row}'s bean reads
 * ({@code auditAction}, {@code auditOnBehalfOf}, {@code auditOccurredAt}, {@code auditEventId},
 * {@code auditPurpose}); compares a resent event with the row already written. The calling client is the row's
 * {@code user_id} (docs/ARCHITECTURE.md, "Audit writes from other systems").
 */
@Component("reportedAccesses")
public class ReportedAccesses {

    /** How far in the future an access may say it happened: the clocks of two systems disagree a little. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * The earliest time an access may say it happened. Nothing this service serves is older, and times before
     * the 1582 calendar switch are where JDBC drivers and tools disagree on the date (README, "Audit writes").
     */
    public static final OffsetDateTime EARLIEST_OCCURRED_AT = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    static final int MAX_ON_BEHALF_OF = 255;
    static final int MAX_EVENT_ID = 128;
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_EVENT_ID + "}");
    private static final Set<String> FIELDS = Set.of("action", "on_behalf_of", "occurred_at", "purpose", "event_id");

    private final ObjectMapper mapper;
    private final Clock clock;

    @Autowired
    public ReportedAccesses(ObjectMapper mapper) {
        this(mapper, Clock.systemUTC());
    }

    ReportedAccesses(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Checks the path and the body; sets the audit row's properties, {@code lineage_id} and {@code event_user}. */
    public void validate(Exchange exchange) {
        UUID lineageId = lineageId(exchange.getMessage().getHeader("lineage_id"));
        String principal = exchange.getMessage().getHeader(CallerHeaders.PRINCIPAL, String.class);
        Checked report = check(exchange.getMessage().getBody(String.class));
        exchange.setProperty("lineage_id", lineageId);
        exchange.setProperty("event_user", principal);
        exchange.setProperty("event_id", report.eventId());
        exchange.setProperty("auditLineageId", lineageId);
        exchange.setProperty("auditAction", report.action());
        exchange.setProperty("auditOutcome", "ok");
        exchange.setProperty("auditOnBehalfOf", report.onBehalfOf());
        exchange.setProperty("auditOccurredAt", report.occurredAt());
        exchange.setProperty("auditEventId", report.eventId());
        exchange.setProperty("auditPurpose", report.purpose());
    }

    /** A checked access report; {@code occurredAt} in UTC. */
    record Checked(String action, String onBehalfOf, OffsetDateTime occurredAt, String purpose, String eventId) {}

    Checked check(String body) {
        JsonNode json;
        try {
            // a second document after the first would otherwise be dropped in silence
            json = body == null || body.isBlank()
                    ? null
                    : mapper.reader()
                            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .readTree(body);
        } catch (JsonProcessingException e) {
            throw AccessReportException.invalid(
                    List.of(new FieldViolation("body", "is not JSON: " + JsonErrors.reason(e))));
        }
        if (json == null || !json.isObject()) {
            throw AccessReportException.invalid(List.of(new FieldViolation("body", "must be a JSON object")));
        }
        List<FieldViolation> violations = new ArrayList<>(duplicateFields(body));
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new FieldViolation(name, "is not a field of an access report"));
            }
        }
        String action = text(json, "action", violations);
        if (action != null && !AccessReport.ACTIONS.contains(action)) {
            violations.add(new FieldViolation("action", "must be one of " + String.join(", ", AccessReport.ACTIONS)));
        }
        String onBehalfOf = text(json, "on_behalf_of", violations);
        if (onBehalfOf != null) {
            String problem = plainText(onBehalfOf, MAX_ON_BEHALF_OF);
            if (problem != null) {
                violations.add(new FieldViolation("on_behalf_of", problem));
            }
        }
        OffsetDateTime occurredAt = occurredAt(text(json, "occurred_at", violations), violations);
        String purpose = null;
        if (json.has("purpose") && !json.get("purpose").isNull()) {
            if (!json.get("purpose").isTextual()) {
                violations.add(new FieldViolation("purpose", "must be a string"));
            } else {
                purpose = json.get("purpose").asText();
                String problem = AccessPurpose.problem(purpose);
                if (problem != null) {
                    violations.add(new FieldViolation("purpose", problem));
                }
            }
        }
        String eventId = text(json, "event_id", violations);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            violations.add(new FieldViolation(
                    "event_id", "must be 1-" + MAX_EVENT_ID + " printable ASCII characters without spaces"));
        }
        if (!violations.isEmpty()) {
            throw AccessReportException.invalid(violations);
        }
        return new Checked(action, onBehalfOf, occurredAt, purpose, eventId);
    }

    /**
     * The row already written for this client's {@code event_id} against the resent report: the same access
     * answers 200 with that row, a different one is a 409 naming what differs.
     */
    public void compare(Exchange exchange, Map<String, Object> existing) {
        List<FieldViolation> differences = new ArrayList<>();
        differ(
                differences,
                "lineage_id",
                exchange.getProperty("lineage_id"),
                SqlValues.uuid(existing.get("lineage_id")));
        differ(differences, "action", exchange.getProperty("auditAction"), existing.get("action"));
        differ(differences, "on_behalf_of", exchange.getProperty("auditOnBehalfOf"), existing.get("on_behalf_of"));
        OffsetDateTime occurredAt = exchange.getProperty("auditOccurredAt", OffsetDateTime.class);
        differ(
                differences,
                "occurred_at",
                occurredAt == null ? null : occurredAt.toInstant(),
                SqlValues.instant(existing.get("occurred_at")));
        differ(differences, "purpose", exchange.getProperty("auditPurpose"), existing.get("purpose"));
        if (!differences.isEmpty()) {
            throw AccessReportException.conflicting(exchange.getProperty("event_id", String.class), differences);
        }
    }

    /** The written row as the API shows it: from the row read back, or from the row just inserted. */
    public AuditEntry entry(Map<String, Object> row) {
        return AuditEntry.of(row);
    }

    /**
     * A field given twice: a JSON tree keeps the last one and drops the other in silence, so which value the
     * client meant is unknown. (The body is known to be one JSON object here.)
     */
    private List<FieldViolation> duplicateFields(String body) {
        List<FieldViolation> duplicates = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        try (JsonParser parser = mapper.createParser(body)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 1 && !seen.add(parser.currentName())) {
                    duplicates.add(new FieldViolation(parser.currentName(), "is given more than once"));
                }
            }
        } catch (java.io.IOException alreadyParsed) {
            // read as a tree above; cannot fail here
        }
        return duplicates;
    }

    private static void differ(List<FieldViolation> differences, String field, Object sent, Object stored) {
        if (!Objects.equals(sent == null ? null : sent.toString(), stored == null ? null : stored.toString())) {
            differences.add(new FieldViolation(field, "was recorded as " + (stored == null ? "null" : stored)));
        }
    }

    private OffsetDateTime occurredAt(String text, List<FieldViolation> violations) {
        if (text == null) {
            return null;
        }
        OffsetDateTime occurredAt;
        try {
            occurredAt = Timestamps.parseUtc(text);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(
                    "occurred_at", "must be an RFC 3339 timestamp with offset, e.g. 2026-01-31T09:30:00Z"));
            return null;
        }
        if (occurredAt.getNano() % 1000 != 0) {
            violations.add(new FieldViolation(
                    "occurred_at", "must not be more precise than microseconds (the trail stores microseconds)"));
        } else if (occurredAt.isBefore(EARLIEST_OCCURRED_AT)) {
            violations.add(new FieldViolation("occurred_at", "must not be before " + EARLIEST_OCCURRED_AT));
        } else if (occurredAt.toInstant().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            violations.add(new FieldViolation(
                    "occurred_at", "is in the future (more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead)"));
        }
        return occurredAt;
    }

    private static String text(JsonNode json, String field, List<FieldViolation> violations) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new FieldViolation(field, "must be a string"));
            return null;
        }
        if (value.asText().isEmpty()) {
            violations.add(new FieldViolation(field, "must not be empty"));
            return null;
        }
        return value.asText();
    }

    private static String plainText(String value, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            return "must be at most " + max + " characters (it has " + length + ")";
        }
        String characters = PlainText.problem(value);
        if (characters != null) {
            return characters;
        }
        if (value.isBlank()) {
            return "must not be blank";
        }
        // one person, one spelling: an auditor searching the trail for a name matches it exactly, so a padded or
        // decomposed copy of it would hide that person's accesses from the search (docs/DESIGN-NOTES.md)
        if (Character.isWhitespace(value.codePointAt(0))
                || Character.isWhitespace(value.codePointBefore(value.length()))) {
            return "must not start or end with a space: send the name as the calling system keeps it";
        }
        if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return "must be in Unicode normalization form C (NFC: \u00e9 as one character, not e and a combining"
                    + " accent), so that one name is written, and found, one way";
        }
        return null;
    }

    private static UUID lineageId(Object value) {
        String text = value == null ? "" : value.toString();
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException notAUuid) {
            // reported below
        }
        throw new BadParameterException("lineage_id", "must be a UUID");
    }
}
