package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.config.OpenLineageProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What one delivery attempt means for its outbox row (routes/sql/update-openlineage-event-outcome.sql): a 2xx is
 * delivered; a 4xx is the consumer refusing the event, which a resend would not change, so it is parked with the
 * reason; anything else (5xx, timeout, refused connection, and the two 4xx that say "not now": 408 Request Timeout
 * and 429 Too Many Requests) is tried again after a delay that doubles per attempt.
 * The reason is the consumer's answer made storable: control characters (NUL, which PostgreSQL refuses in text,
 * escape sequences, line breaks) replaced, at most {@value #MAX_REASON} characters. Should an outcome still fail
 * to be recorded, the event is held back on this instance with the same doubling delay ({@link #notRecorded}).
 */
@Component
public class OpenLineageDelivery {

    public static final String DELIVERED = "delivered";
    public static final String PARKED = "parked";
    public static final String PENDING = "pending";

    private static final Logger LOG = LoggerFactory.getLogger(OpenLineageDelivery.class);
    private static final int MAX_REASON = 1000;

    private final OpenLineageProperties properties;
    private final Clock clock;

    /** Events whose outcome could not be recorded, by id: how often in a row, and not sent again before when. */
    private final Map<String, Hold> held = new ConcurrentHashMap<>();

    private record Hold(int failures, OffsetDateTime until) {}

    @Autowired
    public OpenLineageDelivery(OpenLineageProperties properties) {
        this(properties, Clock.systemUTC());
    }

    OpenLineageDelivery(OpenLineageProperties properties, Clock clock) {
        if (properties.isEnabled()
                && (properties.getUrl() == null || properties.getUrl().isBlank())) {
            throw new IllegalStateException("lineage.openlineage.enabled=true needs lineage.openlineage.url, the"
                    + " consumer's RunEvent endpoint (e.g. http://marquez:5000/api/v1/lineage)");
        }
        if (properties.isEnabled()) {
            refuseAUrlThatIsNotAnHttpEndpoint(properties.getUrl());
        }
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The url becomes a Camel endpoint with options appended (routes/openlineage-outbox.yaml): without a scheme it
     * names no component (the route then fails to start with no word of this setting), another scheme (file:, a
     * queue) would take the events somewhere that answers no HTTP status, and a query string of its own would
     * swallow the appended options, turning a refused event (4xx, parked) into one retried forever.
     */
    private static void refuseAUrlThatIsNotAnHttpEndpoint(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("lineage.openlineage.url '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalStateException("lineage.openlineage.url '" + url + "' must be an http:// or https:// URL"
                    + " with a host: the consumer's RunEvent endpoint, e.g. http://marquez:5000/api/v1/lineage");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalStateException("lineage.openlineage.url '" + url + "' must not have a query string or"
                    + " fragment: send a consumer's token as lineage.openlineage.api-key (Authorization: Bearer)");
        }
    }

    /** Events sent per look at most (a number: PostgreSQL refuses a text LIMIT). */
    public int batchSize() {
        return properties.getBatchSize();
    }

    /** The Authorization header's value, or null (no header) without lineage.openlineage.api-key. */
    public String authorization() {
        String key = properties.getApiKey();
        return key == null || key.isBlank() ? null : "Bearer " + key;
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * @param retryAfter the consumer's {@code Retry-After} (seconds or an HTTP date), or null: a busy consumer's own
     *     wait is kept when it is longer than the backoff's, up to {@code lineage.openlineage.max-retry-delay}
     */
    public Map<String, Object> outcome(
            Integer status, String responseBody, Number attempts, OffsetDateTime now, String retryAfter) {
        int tries = attempts.intValue() + 1;
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            return row(DELIVERED, tries, now, null, now);
        }
        String reason = reason("HTTP " + code + " from " + properties.getUrl() + ": " + body(responseBody));
        if (code >= 400 && code < 500 && !notNow(code)) {
            LOG.warn("OpenLineage event parked, the consumer refused it (fix and set it pending again): {}", reason);
            return row(PARKED, tries, now, reason, null);
        }
        return retry(tries, now, reason, retryAfter(retryAfter, now));
    }

    /** The wait a {@code Retry-After} asks for (RFC 9110 §10.2.3), or zero when there is none or it cannot be read. */
    static Duration retryAfter(String value, OffsetDateTime now) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        String text = value.trim();
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return text.length() > 9 ? ChronoUnit.FOREVER.getDuration() : Duration.ofSeconds(Long.parseLong(text));
            }
            Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    /** A consumer that times a request out or limits its rate takes the same event later: parking it would strand it. */
    private static boolean notNow(int code) {
        return code == 408 || code == 429;
    }

    public Map<String, Object> unreachable(Exception failure, Number attempts, OffsetDateTime now) {
        String reason = reason(failure.getClass().getSimpleName() + " sending to " + properties.getUrl() + ": "
                + failure.getMessage());
        return retry(attempts.intValue() + 1, now, reason, Duration.ZERO);
    }

    private Map<String, Object> retry(int tries, OffsetDateTime now, String reason, Duration asked) {
        Duration delay = delay(tries);
        if (asked.compareTo(delay) > 0) {
            Duration max = properties.getMaxRetryDelay();
            delay = asked.compareTo(max) > 0 ? max : asked;
        }
        LOG.info("OpenLineage event not delivered (attempt {}), next attempt in {}: {}", tries, delay, reason);
        return row(PENDING, tries, now.plus(delay), reason, null);
    }

    /**
     * True while an event whose last outcome could not be recorded waits out its delay (the route then leaves it
     * for a later look).
     */
    public boolean held(Object eventId, OffsetDateTime now) {
        Hold hold = held.get(String.valueOf(eventId));
        return hold != null && now.isBefore(hold.until());
    }

    /** The event's outcome is in its row: whatever held it back is over. */
    public void recorded(Object eventId) {
        held.remove(String.valueOf(eventId));
    }

    /**
     * The outcome of a send could not be written to the event's row. The look's transaction rolls back, so the row
     * still says pending and due now: without this the event would be sent again at every look (every
     * poll-interval) for as long as the write fails, never parked, never backed off. It is held back on this
     * instance for retry-delay × 2^(failures−1) (at most max-retry-delay), the look ends, and the failure goes on
     * to roll the look back.
     */
    public void notRecorded(Object eventId, OffsetDateTime now, Exception failure, AtomicBoolean lookFailed) {
        String id = String.valueOf(eventId);
        Hold hold = held.merge(
                id,
                new Hold(1, now.plus(delay(1))),
                (before, first) -> new Hold(before.failures() + 1, now.plus(delay(before.failures() + 1))));
        lookFailed.set(true);
        LOG.error(
                "OpenLineage event {}: the outcome of its delivery could not be recorded ({} time(s) in a row);"
                        + " not sent again by this instance before {}",
                id,
                hold.failures(),
                hold.until(),
                failure);
        throw new IllegalStateException(
                "the delivery outcome of OpenLineage event " + id + " was not recorded", failure);
    }

    /** The flag of one delivery look: set by the first send that must be retried (routes/openlineage-outbox.yaml). */
    public AtomicBoolean newLook() {
        return new AtomicBoolean(false);
    }

    /** A send to retry (5xx, timeout, refused) ends the look: the consumer is not taking events now. */
    public void noteOutcome(AtomicBoolean lookFailed, Map<String, Object> outcome) {
        if (PENDING.equals(outcome.get("state"))) {
            lookFailed.set(true);
        }
    }

    /** retry-delay, doubled per failed attempt, at most max-retry-delay. */
    Duration delay(int tries) {
        Duration max = properties.getMaxRetryDelay();
        Duration delay = properties.getRetryDelay();
        for (int i = 1; i < tries && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private static Map<String, Object> row(
            String state, int attempts, OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime deliveredAt) {
        Map<String, Object> row = new HashMap<>();
        row.put("state", state);
        row.put("attempts", attempts);
        row.put("next_attempt_at", nextAttemptAt);
        row.put("last_error", lastError);
        row.put("delivered_at", deliveredAt);
        return row;
    }

    private static String body(String body) {
        return body == null || body.isBlank() ? "(no body)" : body.strip();
    }

    /** Storable in last_error on both databases and safe in a log line: see {@link #clean}, then bounded. */
    static String reason(String reason) {
        String clean = clean(reason);
        if (clean.length() <= MAX_REASON) {
            return clean;
        }
        int end = MAX_REASON - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--; // never half a character
        }
        return clean.substring(0, end) + "…";
    }

    /**
     * Tabs and line breaks become spaces; NUL and every other control character, and a lone surrogate (from a
     * body cut or decoded badly), become U+FFFD. Bytes that were not UTF-8 are U+FFFD already (the body is
     * decoded as UTF-8 with replacement).
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
