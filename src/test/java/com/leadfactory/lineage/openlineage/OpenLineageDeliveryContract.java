package com.leadfactory.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.ApiTestSupport;
import com.leadfactory.lineage.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The outbox and its delivery against a real consumer ({@link TestConsumer}), with lineage.openlineage.enabled;
 * run against H2 and PostgreSQL by the subclasses (their own application context: these properties differ from
 * the shared API tests').
 */
interface OpenLineageDeliveryContract extends ApiTestSupport {

    TestConsumer CONSUMER = TestConsumer.start();
    String CONSUMER_KEY = "marquez-token-123";

    static void openLineageOn(DynamicPropertyRegistry registry) {
        registry.add("lineage.openlineage.enabled", () -> "true");
        registry.add("lineage.openlineage.url", CONSUMER::url);
        registry.add("lineage.openlineage.api-key", () -> CONSUMER_KEY);
        registry.add("lineage.openlineage.poll-interval", () -> "100ms");
        registry.add("lineage.openlineage.retry-delay", () -> "100ms");
        registry.add("lineage.openlineage.max-retry-delay", () -> "400ms");
        registry.add("lineage.openlineage.public-url", () -> "https://lineage.example.test");
    }

    private String capture() {
        Map<String, Object> message = source().report();
        message.put("pdf", Map.of("uri", "s3://reports/" + UUID.randomUUID() + ".pdf", "sha256", "cd".repeat(32)));
        postCompletion(message);
        return message.get("report_generation_id").toString();
    }

    private UUID lineageIdOf(String reportId) {
        return jdbc().queryForObject(
                        "SELECT id FROM report_lineage WHERE report_generation_id = ?",
                        UUID.class,
                        UUID.fromString(reportId));
    }

    @Test
    default void purgingARecordDeletesItsEvents() {
        String runId = capture();
        Await.until(
                "both events delivered",
                Duration.ofSeconds(20),
                () -> states(runId).equals(List.of("delivered", "delivered")));
        jdbc().update("DELETE FROM report_lineage WHERE report_generation_id = ?", UUID.fromString(runId));
        assertThat(states(runId)).isEmpty();
    }

    private List<String> states(String runId) {
        return jdbc().queryForList(
                        "SELECT state FROM openlineage_outbox WHERE run_id = ? ORDER BY sequence_no",
                        String.class,
                        UUID.fromString(runId));
    }

    private void assertArrivedInOrder(String runId) {
        List<TestConsumer.Received> got = CONSUMER.receivedFor(runId);
        assertThat(got).extracting(TestConsumer.Received::eventType).containsExactly("START", "COMPLETE");
        for (TestConsumer.Received event : got) {
            assertThat(event.authorization()).isEqualTo("Bearer " + CONSUMER_KEY);
            assertThat(OpenLineageSchemas.runEventViolations(event.body()))
                    .as(event.body())
                    .isEmpty();
        }
    }

    @Test
    default void eachCaptureIsSentAsStartThenCompleteAndMarkedDelivered() {
        String runId = capture();

        Await.until(
                "both events delivered",
                Duration.ofSeconds(20),
                () -> states(runId).equals(List.of("delivered", "delivered")));
        assertArrivedInOrder(runId);
        String stored = jdbc().queryForObject(
                        "SELECT payload FROM openlineage_outbox WHERE run_id = ? AND sequence_no = 2",
                        String.class,
                        UUID.fromString(runId));
        assertThat(CONSUMER.receivedFor(runId).get(1).body()).isEqualTo(stored);
    }

    @Test
    default void eventsWaitWhileTheConsumerIsDownAndAllArriveInOrderWhenItIsBack() {
        CONSUMER.down();
        List<String> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                runs.add(capture());
            }
            Await.until(
                    "failed attempts recorded",
                    Duration.ofSeconds(20),
                    () -> jdbc().queryForObject(
                                            "SELECT COUNT(*) FROM openlineage_outbox WHERE run_id = ? AND attempts >= 2"
                                                    + " AND state = 'pending'",
                                            Integer.class,
                                            UUID.fromString(runs.get(0)))
                            == 1);
            for (String runId : runs) {
                assertThat(states(runId)).containsExactly("pending", "pending");
                assertThat(CONSUMER.receivedFor(runId)).isEmpty();
            }
            String reason = jdbc().queryForObject(
                            "SELECT last_error FROM openlineage_outbox WHERE run_id = ? AND sequence_no = 1",
                            String.class,
                            UUID.fromString(runs.get(0)));
            assertThat(reason).contains(CONSUMER.url());
        } finally {
            CONSUMER.up();
        }
        for (String runId : runs) {
            Await.until(
                    "run " + runId + " delivered",
                    Duration.ofSeconds(30),
                    () -> states(runId).equals(List.of("delivered", "delivered")));
            assertArrivedInOrder(runId);
        }
    }

    /**
     * Events the consumer keeps failing (answered 5xx at every attempt, e.g. a consumer bug their content triggers) do
     * not hold back the events captured after them: a look sends the events with the fewest failed attempts first and
     * ends at the first failure, so the failing ones, oldest in the outbox, no longer end every look before a new
     * event is reached.
     */
    @Test
    default void eventsTheConsumerKeepsFailingDoNotHoldBackTheOthers() {
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> message = source().report();
            String runId = message.get("report_generation_id").toString();
            CONSUMER.busy(runId, 1);
            failing.add(runId);
            postCompletion(message);
        }
        try {
            Await.until(
                    "every failing START tried",
                    Duration.ofSeconds(20),
                    () -> failing.stream().allMatch(runId -> CONSUMER.busyAnswers(runId) >= 1));
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(capture());
            }
            for (String runId : runs) {
                Await.until(
                        "run " + runId + " delivered while the failing ones keep failing",
                        Duration.ofSeconds(10),
                        () -> states(runId).equals(List.of("delivered", "delivered")));
                assertArrivedInOrder(runId);
            }
        } finally {
            failing.forEach(CONSUMER::notBusy);
        }
        for (String runId : failing) {
            Await.until(
                    "run " + runId + " delivered once the consumer takes it",
                    Duration.ofSeconds(20),
                    () -> states(runId).equals(List.of("delivered", "delivered")));
        }
    }

    /**
     * A consumer answering 503 with a long Retry-After: each attempt is one request whose answer is recorded at once
     * and retried by the outbox's backoff, not a request resent by the HTTP client after sleeping for the
     * Retry-After inside the delivery look (with its transaction and locks held).
     */
    @Test
    default void aBusyConsumersRetryAfterIsNotSleptInsideTheDeliveryLook() {
        Map<String, Object> message = source().report();
        String runId = message.get("report_generation_id").toString();
        CONSUMER.busy(runId, 600);
        try {
            postCompletion(message);
            Await.until(
                    "the 503 recorded on the START, retried by the outbox",
                    Duration.ofSeconds(20),
                    () -> jdbc().queryForObject(
                                            "SELECT COUNT(*) FROM openlineage_outbox WHERE run_id = ? AND sequence_no"
                                                    + " = 1 AND attempts >= 2 AND state = 'pending'"
                                                    + " AND last_error LIKE 'HTTP 503%'",
                                            Integer.class, UUID.fromString(runId))
                            == 1);
        } finally {
            CONSUMER.notBusy(runId);
        }
        Await.until(
                "both events delivered once the consumer takes them",
                Duration.ofSeconds(20),
                () -> states(runId).equals(List.of("delivered", "delivered")));
        int attempts = jdbc().queryForObject(
                        "SELECT attempts FROM openlineage_outbox WHERE run_id = ? AND sequence_no = 1",
                        Integer.class,
                        UUID.fromString(runId));
        assertThat(CONSUMER.busyAnswers(runId))
                .as("one request for each attempt that was answered 503")
                .isEqualTo(attempts - 1);
        assertArrivedInOrder(runId);
    }

    @Test
    default void aConsumerRefusalParksTheEventWithItsReason() {
        Map<String, Object> message = source().report();
        String runId = message.get("report_generation_id").toString();
        CONSUMER.refuse(runId);
        postCompletion(message);

        Await.until(
                "both events parked",
                Duration.ofSeconds(20),
                () -> states(runId).equals(List.of("parked", "parked")));
        Map<String, Object> start = jdbc().queryForMap(
                        "SELECT attempts, last_error FROM openlineage_outbox WHERE run_id = ? AND sequence_no = 1",
                        UUID.fromString(runId));
        assertThat(((Number) start.get("attempts")).intValue()).isEqualTo(1);
        assertThat(start.get("last_error").toString()).startsWith("HTTP 400").contains("namespace not allowed");
        as(VIEWER_KEY)
                .get("/api/lineage/stats")
                .then()
                .statusCode(200)
                .body("openlineage.parked", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        Await.until(
                "the parked gauge counts them",
                Duration.ofSeconds(10),
                () -> as(ADMIN_KEY)
                        .get("/actuator/prometheus")
                        .asString()
                        .lines()
                        .anyMatch(line -> line.startsWith("lineage_openlineage_events_parked_current")
                                && !line.endsWith(" 0.0")));
    }

    @Test
    default void aRefusalWhoseBodyHoldsANulByteParksTheEventWithACleanReasonInsteadOfResendingIt() {
        Map<String, Object> message = source().report();
        String runId = message.get("report_generation_id").toString();
        CONSUMER.refuseWithNul(runId);
        postCompletion(message);

        Await.until(
                "both events parked",
                Duration.ofSeconds(20),
                () -> states(runId).equals(List.of("parked", "parked")));
        List<Map<String, Object>> rows = jdbc().queryForList(
                        "SELECT attempts, last_error FROM openlineage_outbox WHERE run_id = ? ORDER BY sequence_no",
                        UUID.fromString(runId));
        for (Map<String, Object> row : rows) {
            assertThat(((Number) row.get("attempts")).intValue())
                    .as("sent once, not every look")
                    .isEqualTo(1);
            String reason = row.get("last_error").toString();
            assertThat(reason).startsWith("HTTP 400").contains("bad").contains("nul");
            assertThat(reason.chars().filter(Character::isISOControl)).isEmpty();
        }
    }

    /** routes/sql/select-due-openlineage-events.sql as the delivery route runs it, for runs of this test only. */
    private List<String> takeDue(java.sql.Connection connection, java.time.OffsetDateTime now, List<UUID> runs)
            throws Exception {
        String sql = java.nio.file.Files.readString(
                        java.nio.file.Path.of("routes/sql/select-due-openlineage-events.sql"))
                .replaceAll("(?m)--.*$", "")
                .replace(":#${exchangeProperty.now}", "?")
                .replace(":#${exchangeProperty.batch_size}", "?");
        List<String> taken = new ArrayList<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, now);
            statement.setInt(2, 1000);
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID run = rows.getObject("run_id", UUID.class);
                    if (runs.contains(run)) {
                        taken.add((runs.indexOf(run) == 0 ? "A" : "B") + rows.getInt("sequence_no"));
                    }
                }
            }
        }
        return taken;
    }

    @Test
    default void twoInstancesNeitherTakeTheSameEventNorACompleteBeforeItsStart() throws Exception {
        // events due in an hour: the running delivery route leaves them alone; the two "instances" below look
        // with a clock two hours ahead
        java.time.OffsetDateTime later =
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusHours(1);
        UUID lineageId = lineageIdOf(capture());
        List<UUID> runs = List.of(UUID.randomUUID(), UUID.randomUUID());
        for (UUID run : runs) {
            for (int sequence = 1; sequence <= 2; sequence++) {
                jdbc().update(
                                "INSERT INTO openlineage_outbox (id, lineage_id, run_id, sequence_no, event_type, event_time,"
                                        + " payload, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?,"
                                        + " CURRENT_TIMESTAMP, '{}', 'pending', 0, ?, CURRENT_TIMESTAMP)",
                                UUID.randomUUID(),
                                lineageId,
                                run,
                                sequence,
                                sequence == 1 ? "START" : "COMPLETE",
                                later);
            }
        }
        javax.sql.DataSource dataSource = jdbc().getDataSource();
        java.time.OffsetDateTime lookAt = later.plusHours(1);
        try (java.sql.Connection first = dataSource.getConnection();
                java.sql.Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);

            assertThat(takeDue(first, lookAt, runs)).containsExactlyInAnyOrder("A1", "B1");
            assertThat(takeDue(second, lookAt, runs))
                    .as("locked STARTs skipped, COMPLETEs wait")
                    .isEmpty();
            second.rollback();

            try (java.sql.PreparedStatement delivered = first.prepareStatement(
                    "UPDATE openlineage_outbox SET state = 'delivered' WHERE run_id = ? AND sequence_no = 1")) {
                delivered.setObject(1, runs.get(0));
                delivered.executeUpdate();
            }
            first.commit();

            assertThat(takeDue(second, lookAt, runs)).containsExactlyInAnyOrder("A2", "B1");
            second.rollback();
        } finally {
            jdbc().update("DELETE FROM openlineage_outbox WHERE run_id IN (?, ?)", runs.get(0), runs.get(1));
        }
    }

    @Test
    default void noOutboxRowWithoutItsLineageRowAndNoLineageRowWithoutItsEvents() {
        // the outbox insert fails (an event of this run is already there): the capture leaves nothing behind
        UUID existing = lineageIdOf(capture());
        Map<String, Object> message = source().report();
        UUID runId = UUID.fromString(message.get("report_generation_id").toString());
        jdbc().update(
                        "INSERT INTO openlineage_outbox (id, lineage_id, run_id, sequence_no, event_type, event_time,"
                                + " payload, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 1, 'START',"
                                + " CURRENT_TIMESTAMP, '{}', 'parked', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                        UUID.randomUUID(),
                        existing,
                        runId);

        int status = as(INGEST_KEY)
                .contentType("application/json")
                .body(message)
                .post("/api/lineage/completions")
                .statusCode();

        assertThat(status).isGreaterThanOrEqualTo(400);
        assertThat(source().lineageRows(runId)).isZero();
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM openlineage_outbox WHERE run_id = ?", Integer.class, runId))
                .isEqualTo(1);
        // and a refused completion (unknown report generation) writes no event
        Map<String, Object> unknown = source().report();
        unknown.put("report_generation_id", UUID.randomUUID().toString());
        as(INGEST_KEY)
                .contentType("application/json")
                .body(unknown)
                .post("/api/lineage/completions")
                .then()
                .statusCode(422);
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM openlineage_outbox WHERE run_id = ?",
                                Integer.class,
                                UUID.fromString(
                                        unknown.get("report_generation_id").toString())))
                .isZero();
    }
}
