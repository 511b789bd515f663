package com.leadfactory.lineage.query;

import com.leadfactory.lineage.caller.PlainText;
import com.leadfactory.lineage.caller.Timestamps;
import com.leadfactory.lineage.problem.BadParameterException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks and converts the read API's path and query parameters, so the SQL only ever sees typed values.
 * Every refusal names the parameter (a 400 problem).
 */
@Component("requestParameters")
public class RequestParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    // a '+' typed into a URL is form-decoded as a space, so 2026-03-29T02:30:00+01:00 arrives without its sign: the
    // sender did give an offset and would not see why "with offset" is refused
    private static final Pattern PLUS_AS_SPACE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T[0-9:.]+) (\\d{2}:\\d{2})");

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public UUID uuid(String name, Object value) {
        String text = text(name, value);
        if (text == null) {
            throw new BadParameterException(name, "is required");
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new BadParameterException(name, "must be a UUID");
        }
        return UUID.fromString(text);
    }

    /** GET /api/lineage/search's filters as named SQL parameters (absent filters are null) plus paging. */
    public Map<String, Object> search(Map<String, Object> headers) {
        Map<String, Object> search = new HashMap<>();
        search.put("lead_id", optionalUuid("lead_id", headers.get("lead_id")));
        search.put("pipeline_run_id", optionalUuid("pipeline_run_id", headers.get("pipeline_run_id")));
        String template = text("template_version_id", headers.get("template_version_id"));
        if (template != null && template.length() > 255) {
            throw new BadParameterException("template_version_id", "must be at most 255 characters");
        }
        search.put("template_version_id", template);
        String sha = text("pdf_sha256", headers.get("pdf_sha256"));
        if (sha != null && !SHA256.matcher(sha).matches()) {
            throw new BadParameterException("pdf_sha256", "must be 64 hexadecimal characters");
        }
        search.put("pdf_sha256", sha == null ? null : sha.toLowerCase(Locale.ROOT));
        search.put("lineage_id", optionalUuid("lineage_id", headers.get("lineage_id")));
        timeWindow(search, headers);
        paging(search, headers);
        return search;
    }

    /** The outcomes an audit row can have. */
    public static final List<String> AUDIT_OUTCOMES = List.of("ok", "denied", "not_found", "error");

    private static final Pattern AUDIT_ACTION = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /**
     * GET /api/audit's filters over the whole trail as named SQL parameters (absent filters are null) plus paging.
     * A parameter the endpoint does not declare never gets here (security.DeclaredParametersFilter).
     */
    public Map<String, Object> auditSearch(Map<String, Object> headers) {
        Map<String, Object> search = new HashMap<>();
        String user = text("user_id", headers.get("user_id"));
        if (user != null && user.length() > 255) {
            throw new BadParameterException("user_id", "must be at most 255 characters");
        }
        search.put("user_id", user);
        String onBehalfOf = text("on_behalf_of", headers.get("on_behalf_of"));
        if (onBehalfOf != null && onBehalfOf.length() > 255) {
            throw new BadParameterException("on_behalf_of", "must be at most 255 characters");
        }
        search.put("on_behalf_of", onBehalfOf);
        String action = text("action", headers.get("action"));
        if (action != null
                && (action.length() > 32 || !AUDIT_ACTION.matcher(action).matches())) {
            throw new BadParameterException("action", "must be an audit action: a lower_snake_case word, at most 32");
        }
        search.put("action", action);
        String outcome = text("outcome", headers.get("outcome"));
        if (outcome != null && !AUDIT_OUTCOMES.contains(outcome)) {
            throw new BadParameterException("outcome", "must be one of " + String.join(", ", AUDIT_OUTCOMES));
        }
        search.put("outcome", outcome);
        search.put("lineage_id", optionalUuid("lineage_id", headers.get("lineage_id")));
        timeWindow(search, headers);
        paging(search, headers);
        return search;
    }

    /** The optional {@code from} (inclusive) and {@code to} (exclusive) times; to must come after from. */
    private static void timeWindow(Map<String, Object> search, Map<String, Object> headers) {
        OffsetDateTime from = optionalTime("from", headers.get("from"));
        OffsetDateTime to = optionalTime("to", headers.get("to"));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadParameterException("to", "must be after from");
        }
        search.put("from", from);
        search.put("to", to);
    }

    /** Paging of one record's audit trail. */
    public Map<String, Object> auditPage(Object lineageId, Map<String, Object> headers) {
        Map<String, Object> search = new HashMap<>();
        search.put("lineage_id", uuid("lineage_id", lineageId));
        paging(search, headers);
        return search;
    }

    private void paging(Map<String, Object> search, Map<String, Object> headers) {
        int limit = limit(headers.get("limit"));
        search.put("limit", limit);
        search.put("fetch", limit + 1);
        String cursorText = text("cursor", headers.get("cursor"));
        KeysetCursor cursor = cursorText == null ? null : KeysetCursor.decode("cursor", cursorText);
        search.put("after_created_at", cursor == null ? null : cursor.after().atOffset(ZoneOffset.UTC));
        search.put("after_id", cursor == null ? null : cursor.afterId());
    }

    private int limit(Object value) {
        String text = text("limit", value);
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    private UUID optionalUuid(String name, Object value) {
        return text(name, value) == null ? null : uuid(name, value);
    }

    private static OffsetDateTime optionalTime(String name, Object value) {
        String text = text(name, value);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parseUtc(text);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(
                    name, "must be an RFC 3339 timestamp with offset, e.g. 2026-01-31T00:00:00Z" + plusHint(text));
        }
    }

    private static String plusHint(String text) {
        Matcher m = PLUS_AS_SPACE.matcher(text);
        return m.matches()
                ? " (the '+' of its offset arrived as a space: in a query string send it as %2B, " + m.group(1) + "%2B"
                        + m.group(2) + ")"
                : "";
    }

    /**
     * A parameter's value exactly as sent (null when absent): never trimmed ({@code <uuid>%20} is not a UUID), one
     * value only, {@link PlainText#parameterProblem} (a filter with a bidi override or a zero-width character would
     * read as a different filter). security.DeclaredParametersFilter refuses all of these in a query string before a
     * route runs; this keeps the same rules for values that reach here another way (path variables).
     */
    private static String text(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Iterable<?> || value.getClass().isArray()) {
            throw new BadParameterException(name, "must be given at most once");
        }
        String text = value.toString();
        String problem = PlainText.parameterProblem(text);
        if (problem != null) {
            throw new BadParameterException(name, problem);
        }
        return text;
    }
}
