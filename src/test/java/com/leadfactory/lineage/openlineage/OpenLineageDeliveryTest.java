package com.leadfactory.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.config.OpenLineageProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one delivery attempt means for its outbox row, and the outbox metrics. */
class OpenLineageDeliveryTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 26, 12, 0, 0, 0, ZoneOffset.UTC);

    private static OpenLineageProperties properties() {
        OpenLineageProperties properties = new OpenLineageProperties();
        properties.setUrl("http://marquez:5000/api/v1/lineage");
        properties.setRetryDelay(Duration.ofSeconds(1));
        properties.setMaxRetryDelay(Duration.ofSeconds(5));
        return properties;
    }

    private final OpenLineageDelivery delivery =
            new OpenLineageDelivery(properties(), Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));

    @Test
    void a2xxIsDeliveredA4xxParkedAnythingElseRetriedWithDoublingDelays() {
        assertThat(delivery.outcome(201, "", 0, NOW, null))
                .containsEntry("state", "delivered")
                .containsEntry("attempts", 1)
                .containsEntry("delivered_at", NOW);
        Map<String, Object> parked = delivery.outcome(422, " {\"error\":\"bad facet\"} ", 2, NOW, null);
        assertThat(parked).containsEntry("state", "parked").containsEntry("attempts", 3);
        assertThat(parked.get("last_error"))
                .isEqualTo("HTTP 422 from http://marquez:5000/api/v1/lineage: {\"error\":\"bad facet\"}");
        Map<String, Object> retried = delivery.outcome(503, null, 2, NOW, null);
        assertThat(retried).containsEntry("state", "pending").containsEntry("next_attempt_at", NOW.plusSeconds(4));
        assertThat(retried.get("last_error").toString()).endsWith("(no body)");
        // a rate limit or a request timeout is "not now", not a refusal: tried again, never parked
        assertThat(delivery.outcome(429, "slow down", 0, NOW, null))
                .containsEntry("state", "pending")
                .containsEntry("next_attempt_at", NOW.plusSeconds(1));
        assertThat(delivery.outcome(408, null, 1, NOW, null))
                .containsEntry("state", "pending")
                .containsEntry("next_attempt_at", NOW.plusSeconds(2));
        Map<String, Object> unreachable = delivery.unreachable(new ConnectException("Connection refused"), 9, NOW);
        assertThat(unreachable).containsEntry("state", "pending").containsEntry("next_attempt_at", NOW.plusSeconds(5));
        assertThat(unreachable.get("last_error").toString()).startsWith("ConnectException sending to");
        // a busy consumer's Retry-After is kept when longer than the backoff, up to max-retry-delay (5 s here)
        assertThat(delivery.outcome(503, null, 0, NOW, "3"))
                .containsEntry("state", "pending")
                .containsEntry("next_attempt_at", NOW.plusSeconds(3));
        assertThat(delivery.outcome(429, null, 0, NOW, "3600")).containsEntry("next_attempt_at", NOW.plusSeconds(5));
        assertThat(delivery.outcome(503, null, 0, NOW, DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(4))))
                .containsEntry("next_attempt_at", NOW.plusSeconds(4));
        assertThat(delivery.outcome(503, null, 2, NOW, "1"))
                .as("shorter than the backoff: the backoff")
                .containsEntry("next_attempt_at", NOW.plusSeconds(4));
        assertThat(delivery.outcome(503, null, 0, NOW, "soon")).containsEntry("next_attempt_at", NOW.plusSeconds(1));
        assertThat(delivery.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(delivery.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(delivery.delay(40)).isEqualTo(Duration.ofSeconds(5));
        assertThat(delivery.now()).isEqualTo(NOW);
        assertThat(delivery.outcome(500, "x".repeat(5000), 0, NOW, null)
                        .get("last_error")
                        .toString())
                .hasSize(1000);
    }

    @Test
    void theReasonIsStorableAControlCharacterNeverReachesTheRow() {
        String body = "bad\u0000nul\u001b[31m \uFFFD\uFFFD\r\nnext line\u007f\ud800";
        String reason =
                delivery.outcome(400, body, 0, NOW, null).get("last_error").toString();
        assertThat(reason.chars().filter(Character::isISOControl)).isEmpty();
        assertThat(reason)
                .isEqualTo("HTTP 400 from http://marquez:5000/api/v1/lineage: bad\uFFFDnul\uFFFD[31m \uFFFD\uFFFD  next"
                        + " line\uFFFD\uFFFD");
        assertThat(delivery.outcome(503, "\u0000".repeat(3000), 0, NOW, null)
                        .get("last_error")
                        .toString())
                .hasSize(1000)
                .doesNotContain("\u0000");
        // cut at 1000 characters, never between the two halves of one
        String cut = OpenLineageDelivery.reason("x".repeat(998) + "\ud83d\ude00 and more");
        assertThat(cut).hasSize(999).endsWith("x…");
    }

    @Test
    void anOutcomeThatCannotBeRecordedHoldsTheEventBackWithTheUsualBackoffAndEndsTheLook() {
        var look = delivery.newLook();
        Exception failure = new IllegalStateException("invalid byte sequence for encoding \"UTF8\": 0x00");
        assertThatThrownBy(() -> delivery.notRecorded("e-1", NOW, failure, look))
                .as("the failure still rolls the look back")
                .hasCause(failure);
        assertThat(look.get()).isTrue();
        assertThat(delivery.held("e-1", NOW)).isTrue();
        assertThat(delivery.held("e-1", NOW.plusNanos(999_000_000))).isTrue();
        assertThat(delivery.held("e-1", NOW.plusSeconds(1))).isFalse();
        assertThat(delivery.held("e-2", NOW)).isFalse();

        OffsetDateTime later = NOW.plusSeconds(1);
        assertThatThrownBy(() -> delivery.notRecorded("e-1", later, failure, delivery.newLook()));
        assertThat(delivery.held("e-1", later.plusSeconds(1))).as("doubled").isTrue();
        assertThat(delivery.held("e-1", later.plusSeconds(2))).isFalse();

        delivery.recorded("e-1");
        assertThat(delivery.held("e-1", later)).isFalse();
    }

    @Test
    void aSendToRetryEndsTheLookADeliveryOrAParkingDoesNot() {
        var look = delivery.newLook();
        delivery.noteOutcome(look, Map.of("state", "delivered"));
        delivery.noteOutcome(look, Map.of("state", "parked"));
        assertThat(look.get()).isFalse();
        delivery.noteOutcome(look, Map.of("state", "pending"));
        assertThat(look.get()).isTrue();
    }

    @Test
    void theApiKeyIsABearerTokenAndEnabledWithoutUrlIsRefusedAtStart() {
        assertThat(delivery.authorization()).isNull();
        OpenLineageProperties withKey = properties();
        withKey.setApiKey("t0k3n");
        assertThat(new OpenLineageDelivery(withKey).authorization()).isEqualTo("Bearer t0k3n");
        assertThat(new OpenLineageDelivery(withKey).batchSize()).isEqualTo(50);
        OpenLineageProperties noUrl = new OpenLineageProperties();
        noUrl.setEnabled(true);
        assertThatThrownBy(() -> new OpenLineageDelivery(noUrl))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lineage.openlineage.url");
    }

    @Test
    void aUrlThatIsNotAnHttpEndpointIsRefusedAtStartNamingTheSetting() {
        for (String url : new String[] {
            "marquez:5000/api/v1/lineage",
            "127.0.0.1:5000/api/v1/lineage",
            "file:/tmp/events",
            "ftp://marquez/api/v1/lineage",
            "http:///api/v1/lineage",
            "http://marquez:5000/api/v1/lineage?namespace=x",
            "http://marquez 5000/api"
        }) {
            OpenLineageProperties bad = properties();
            bad.setEnabled(true);
            bad.setUrl(url);
            assertThatThrownBy(() -> new OpenLineageDelivery(bad))
                    .as(url)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lineage.openlineage.url")
                    .hasMessageContaining(url);
        }
        for (String url : new String[] {"http://marquez:5000/api/v1/lineage", "HTTPS://catalog.example.com/lineage"}) {
            OpenLineageProperties good = properties();
            good.setEnabled(true);
            good.setUrl(url);
            assertThat(new OpenLineageDelivery(good).batchSize()).isEqualTo(50);
        }
        OpenLineageProperties off = properties();
        off.setUrl("not a url, and not used");
        assertThat(new OpenLineageDelivery(off).batchSize())
                .as("off: not checked")
                .isEqualTo(50);
    }

    @Test
    void theGaugesFollowTheOutboxAndTheCountersTheOutcomes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OpenLineageMetrics metrics = new OpenLineageMetrics(registry, Clock.fixed(NOW.toInstant(), ZoneOffset.UTC));
        Map<String, Object> counts = new HashMap<>();
        counts.put("pending", 3L);
        counts.put("parked", 1);
        counts.put("oldest_pending_at", Timestamp.from(NOW.minusSeconds(90).toInstant()));
        metrics.refresh(counts);
        metrics.recorded(Map.of("state", "delivered"));
        metrics.recorded(Map.of("state", "parked"));
        metrics.recorded(Map.of("state", "pending"));

        assertThat(registry.get("lineage.openlineage.events.pending").gauge().value())
                .isEqualTo(3);
        assertThat(registry.get("lineage.openlineage.events.parked.current")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("lineage.openlineage.events.oldest_pending_age")
                        .gauge()
                        .value())
                .isEqualTo(90);
        assertThat(registry.get("lineage.openlineage.events.delivered")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("lineage.openlineage.events.parked").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("lineage.openlineage.events.retried").counter().count())
                .isEqualTo(1);

        counts.put("oldest_pending_at", null);
        metrics.refresh(counts);
        assertThat(registry.get("lineage.openlineage.events.oldest_pending_age")
                        .gauge()
                        .value())
                .isZero();
        assertThat(OpenLineageMetrics.toTime(Instant.EPOCH)).isEqualTo(Instant.EPOCH.atOffset(ZoneOffset.UTC));
        assertThat(OpenLineageMetrics.toTime(NOW)).isEqualTo(NOW);
        assertThatThrownBy(() -> OpenLineageMetrics.toTime("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }
}
