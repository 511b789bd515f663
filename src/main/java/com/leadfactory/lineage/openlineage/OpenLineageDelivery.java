package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.config.OpenLineageProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What one delivery attempt means for its outbox row (routes/sql/update-openlineage-event-outcome.sql): a 2xx is
 * delivered; a 4xx is the consumer refusing the event, which a resend would not change, so it is parked with the
 * reason; anything else (5xx, timeout, refused connection) is tried again after a delay that doubles per attempt.
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
        this.properties = properties;
        this.clock = clock;
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

    public Map<String, Object> outcome(Integer status, String responseBody, Number attempts, OffsetDateTime now) {
        int tries = attempts.intValue() + 1;
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            return row(DELIVERED, tries, now, null, now);
        }
        String reason = reason("HTTP " + code + " from " + properties.getUrl() + ": " + body(responseBody));
        if (code >= 400 && code < 500) {
            LOG.warn("OpenLineage event parked, the consumer refused it (fix and set it pending again): {}", reason);
            return row(PARKED, tries, now, reason, null);
        }
        return retry(tries, now, reason);
    }

    public Map<String, Object> unreachable(Exception failure, Number attempts, OffsetDateTime now) {
        String reason = reason(failure.getClass().getSimpleName() + " sending to " + properties.getUrl() + ": "
                + failure.getMessage());
        return retry(attempts.intValue() + 1, now, reason);
    }

    private Map<String, Object> retry(int tries, OffsetDateTime now, String reason) {
        Duration delay = delay(tries);
        LOG.info("OpenLineage event not delivered (attempt {}), next attempt in {}: {}", tries, delay, reason);
        return row(PENDING, tries, now.plus(delay), reason, null);
    }

    /** The flag of one delivery look: set by the first send that must be retried (routes/openlineage-outbox.yaml). */
    public java.util.concurrent.atomic.AtomicBoolean newLook() {
        return new java.util.concurrent.atomic.AtomicBoolean(false);
    }

    /** A send to retry (5xx, timeout, refused) ends the look: the consumer is not taking events now. */
    public void noteOutcome(java.util.concurrent.atomic.AtomicBoolean lookFailed, Map<String, Object> outcome) {
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

    private static String reason(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
