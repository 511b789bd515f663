package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.ServiceProcess;
import com.leadfactory.lineage.support.TestBroker;
import com.leadfactory.lineage.support.TestDatabases;
import com.rabbitmq.client.GetResponse;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Proof under faults against the real RabbitMQ and PostgreSQL, with the service in separate JVMs (one instance,
 * reused across the cases; a second one joins for the last): SIGKILL and restart mid-stream, database connections
 * cut mid-stream, completions whose report generation is not committed (yet) ahead of good ones, a 60 s database
 * outage under load, two instances on one queue. Every confirmed message must end as exactly one lineage row, and
 * nothing may be dead-lettered but the completions whose report generation never comes, once past their budget
 * (shortened here to 15 s, with delays of 1, 2 and 4 s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueFaultTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN_KEY = "fault-admin-key-0123456789";
    private static final String DB_BASE = "lineage_queue_fault_test";
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final Duration BUDGET = Duration.ofSeconds(15);
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    private static TestBroker broker;
    private static String url;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void startTheService() {
        broker = new TestBroker("fault").withRetryDelays("1s", "2s", "4s");
        url = TestDatabases.freshPostgres(DB_BASE);
        first = service("instance-a").start().awaitStarted(START);
        awaitConsumers(2);
    }

    @AfterAll
    static void stopEverything() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        broker.close();
    }

    @Test
    @Order(1)
    void sigkillAndRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        List<byte[]> messages = reports("kill", 300);
        broker.publishConfirmed(messages.subList(0, 120));
        Await.until("part of the stream is captured", DRAIN, () -> captured("kill") >= 40);

        first.kill();
        broker.publishConfirmed(messages.subList(120, 300)); // confirmed while no instance runs
        first = service("instance-a").start().awaitStarted(START);

        awaitExactlyOnce("kill", 300);
    }

    @Test
    @Order(2)
    void cuttingTheDatabaseConnectionsMidStreamLosesAndDuplicatesNothing() throws Exception {
        List<byte[]> messages = reports("cut", 300);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < messages.size(); i += 10) {
                broker.publishConfirmed(messages.subList(i, i + 10));
                Await.sleep(25);
            }
        });
        Await.until("part of the stream is captured", DRAIN, () -> captured("cut") >= 30);
        int terminated = 0;
        for (int cut = 0; cut < 3; cut++) {
            terminated += terminateServiceConnections();
            Await.sleep(400);
        }
        publishing.get();

        assertThat(terminated).as("connections were cut").isPositive();
        awaitExactlyOnce("cut", 300);
    }

    @Test
    @Order(3)
    void unknownReportsWaitOutsideTheConsumersSoTheHundredBehindThemAreCapturedWithinThirtySeconds() throws Exception {
        List<Completion> unknown = completions("unknown", 30); // their report rows never come
        List<byte[]> bodies = new ArrayList<>();
        unknown.forEach(completion -> bodies.add(completion.body()));
        bodies.addAll(reports("behind", 100));

        broker.publishConfirmed(bodies);
        long published = System.nanoTime();

        Await.until(
                "the 100 completions behind 30 unknown-report ones are captured",
                Duration.ofSeconds(30),
                () -> captured("behind") >= 100);
        System.out.printf(
                "100 completions behind 30 unknown-report ones captured %.1f s after their publish%n",
                (System.nanoTime() - published) / 1e9);
        assertThat(captured("behind")).isEqualTo(100);

        // past their 15 s budget, after one wait in every delay queue, the 30 are dead-lettered with the reason
        Await.until(
                "the 30 unknown-report completions are dead-lettered",
                DRAIN,
                () -> broker.waiting(broker.deadLetterQueue()) >= 30);
        List<GetResponse> dead = broker.drainDeadLetters();
        assertThat(dead).hasSize(30);
        Set<String> ids = new HashSet<>();
        for (GetResponse response : dead) {
            Map<String, Object> headers = response.getProps().getHeaders();
            assertThat(String.valueOf(headers.get(DeadLetterAnnotator.REASON))).isEqualTo("unknown-report-generation");
            assertThat(((Number) headers.get(DeadLetterAnnotator.ATTEMPTS)).intValue())
                    .as("attempts: the first, then one after each of the 3 delays at least")
                    .isGreaterThanOrEqualTo(4);
            Instant firstSeen = Instant.parse(String.valueOf(headers.get(DeadLetterAnnotator.FIRST_SEEN)));
            Instant failedAt = Instant.parse(String.valueOf(headers.get(DeadLetterAnnotator.FAILED_AT)));
            assertThat(Duration.between(firstSeen, failedAt)).isGreaterThanOrEqualTo(BUDGET);
            assertThat(String.valueOf(headers.get(DeadLetterAnnotator.ORIGINAL_ROUTING_KEY)))
                    .isEqualTo(broker.routingKey());
            ids.add(String.valueOf(headers.get(DeadLetterAnnotator.REPORT_GENERATION_ID)));
        }
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(unknown.stream()
                        .map(completion -> completion.report().toString())
                        .toList());
        for (String delayQueue : broker.delayQueues()) {
            assertThat(broker.waiting(delayQueue)).as(delayQueue).isZero();
        }
    }

    @Test
    @Order(4)
    void aCompletionPublishedThreeSecondsBeforeItsReportRowCommitsIsCapturedOnce() throws Exception {
        Completion late = completions("late", 1).get(0);
        double retriedBefore = metric(first, "lineage_ingest_retried_total", "unknown-report-generation");

        broker.publishConfirmed(List.of(late.body()));
        Await.sleep(3000); // the upstream commits its report row 3 s after publishing the completion
        commitReportRows("late", List.of(late));

        awaitExactlyOnce("late", 1);
        assertThat(metric(first, "lineage_ingest_retried_total", "unknown-report-generation"))
                .as("it waited in a delay queue before its report row was there")
                .isGreaterThan(retriedBefore);
    }

    @Test
    @Order(5)
    void aSixtySecondDatabaseOutageUnderLoadPausesTheConsumersAndDeadLettersNothing() throws Exception {
        List<byte[]> messages = reports("outage", 400);
        double pausesBefore = metric(first, "lineage_ingest_pauses_total", null);
        long logBefore = Files.size(first.logFile());
        broker.publishConfirmed(messages.subList(0, 150));
        Await.until("part of the stream is captured", DRAIN, () -> captured("outage") >= 30);

        long outageStart = System.nanoTime();
        blockDatabase();
        try {
            for (int i = 150; i < messages.size(); i += 25) { // the load goes on during the outage
                broker.publishConfirmed(messages.subList(i, i + 25));
                Await.sleep(500);
            }
            Await.until(
                    "the consumers paused (none left on the queue)",
                    Duration.ofSeconds(30),
                    () -> broker.consumers() == 0);
            while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                assertThat(broker.consumers()).as("consumers during the outage").isZero();
                assertThat(broker.waiting(broker.deadLetterQueue()))
                        .as("dead-lettered during the outage")
                        .isZero();
                Await.sleep(1000);
            }
        } finally {
            allowDatabase();
        }

        awaitExactlyOnce("outage", 400);
        awaitConsumers(2);
        assertThat(metric(first, "lineage_ingest_paused", null)).isZero();
        assertThat(metric(first, "lineage_ingest_pauses_total", null)).isGreaterThan(pausesBefore);
        byte[] bytes = Files.readAllBytes(first.logFile());
        String log = new String(bytes, (int) logBefore, bytes.length - (int) logBefore, StandardCharsets.UTF_8);
        assertThat(log).contains("WARN").contains("Queue ingest paused: the database does not answer");
        assertThat(log).contains("Queue ingest resumed: the database answers again");
    }

    @Test
    @Order(6)
    void twoInstancesOnOneQueueCaptureEveryMessageOnce() throws Exception {
        second = service("instance-b").start().awaitStarted(START);
        awaitConsumers(4);
        double firstBefore = capturedFromQueue(first);
        double secondBefore = capturedFromQueue(second);

        broker.publishConfirmed(reports("pair", 300));

        awaitExactlyOnce("pair", 300);
        double byFirst = capturedFromQueue(first) - firstBefore;
        double bySecond = capturedFromQueue(second) - secondBefore;
        assertThat(byFirst + bySecond).as("rows created by the two instances").isEqualTo(300);
        assertThat(byFirst).as("instance a took part").isPositive();
        assertThat(bySecond).as("instance b took part").isPositive();
    }

    private static ServiceProcess service(String name) {
        Map<String, String> properties = new LinkedHashMap<>(broker.serviceProperties());
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("lineage.demo.enabled", "false");
        properties.put("lineage.reconcile.enabled", "false");
        properties.put("lineage.ingest.rabbitmq.concurrent-consumers", "2");
        properties.put("lineage.ingest.rabbitmq.retry-budget", BUDGET.toSeconds() + "s");
        properties.put("lineage.ingest.rabbitmq.retry-pause-check-interval", "2s");
        properties.put("lineage.security.clients[0].name", "fault-admin");
        properties.put("lineage.security.clients[0].api-key", ADMIN_KEY);
        properties.put("lineage.security.clients[0].roles", "admin");
        properties.put("logging.level.org.apache.camel.component.springrabbit", "WARN");
        return new ServiceProcess(name, properties);
    }

    private static void awaitConsumers(int count) {
        Await.until(count + " consumers on the queue", START, () -> broker.consumers() >= count);
    }

    /** A completion message, its report row not committed. */
    private record Completion(UUID report, UUID lead, UUID run, OffsetDateTime finished, byte[] body) {}

    /** Sequence-numbered completion messages whose report rows are not committed (yet). */
    private static List<Completion> completions(String batch, int count) throws Exception {
        List<Completion> completions = new ArrayList<>();
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        for (int seq = 0; seq < count; seq++) {
            UUID report = UUID.randomUUID();
            UUID lead = UUID.randomUUID();
            UUID run = UUID.randomUUID();
            Map<String, Object> message = new HashMap<>();
            message.put("report_generation_id", report.toString());
            message.put("lead_id", lead.toString());
            message.put("pipeline_run_id", run.toString());
            message.put("template_version_id", template(batch));
            message.put("pipeline_started_at", finished.minusSeconds(30).toString());
            message.put("pipeline_finished_at", finished.toString());
            message.put("inputs", Map.of("seq", seq));
            completions.add(new Completion(report, lead, run, finished, MAPPER.writeValueAsBytes(message)));
        }
        return completions;
    }

    private static void commitReportRows(String batch, List<Completion> completions) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status,"
                                + " created_at, updated_at) VALUES (?, ?, ?, ?, 'completed', ?, ?)")) {
            for (Completion completion : completions) {
                insert.setObject(1, completion.report());
                insert.setObject(2, completion.lead());
                insert.setObject(3, completion.run());
                insert.setString(4, template(batch));
                insert.setObject(5, completion.finished().minusSeconds(30));
                insert.setObject(6, completion.finished());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Report rows (committed first: the lineage FK needs them) and their completion messages. */
    private static List<byte[]> reports(String batch, int count) throws Exception {
        List<Completion> completions = completions(batch, count);
        commitReportRows(batch, completions);
        return completions.stream().map(Completion::body).toList();
    }

    private static String template(String batch) {
        return "fault-" + batch + "@v1";
    }

    private static long captured(String batch) {
        return count("SELECT COUNT(*) FROM report_lineage WHERE template_version_id = ?", template(batch));
    }

    private static void awaitExactlyOnce(String batch, int expected) {
        Await.until(expected + " " + batch + " rows", DRAIN, () -> captured(batch) >= expected);
        assertThat(captured(batch)).isEqualTo(expected);
        assertThat(count(
                        "SELECT COUNT(*) FROM d6_report_generations g WHERE g.template_version_id = ? AND NOT EXISTS"
                                + " (SELECT 1 FROM report_lineage l WHERE l.report_generation_id = g.id)",
                        template(batch)))
                .as("reports without a lineage row")
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM (SELECT report_generation_id FROM report_lineage WHERE"
                                + " template_version_id = ? GROUP BY report_generation_id HAVING COUNT(*) > 1) d",
                        template(batch)))
                .as("reports with more than one lineage row")
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM report_lineage WHERE template_version_id = ? AND capture_source <>"
                                + " 'rabbitmq'",
                        template(batch)))
                .isZero();
        Await.until("the queue is drained", DRAIN, () -> broker.waiting(broker.queue()) == 0);
        assertThat(broker.waiting(broker.deadLetterQueue())).as("dead-lettered").isZero();
    }

    private static int terminateServiceConnections() throws SQLException {
        String database = database();
        try (Connection admin = TestDatabases.admin();
                PreparedStatement terminate = admin.prepareStatement(
                        "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? AND pid <>"
                                + " pg_backend_pid()")) {
            terminate.setString(1, database);
            try (ResultSet result = terminate.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static double capturedFromQueue(ServiceProcess instance) {
        return metric(instance, "lineage_captured_total", "rabbitmq");
    }

    /** A Prometheus sample of the instance, optionally the one whose last label has that value; 0 when absent. */
    private static double metric(ServiceProcess instance, String name, String label) {
        String metrics = RestAssured.given()
                .port(instance.port())
                .header("X-API-Key", ADMIN_KEY)
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String labels = label == null ? "\\{[^}]*}" : "\\{[^}]*=\"" + Pattern.quote(label) + "\"[^}]*}";
        Matcher matcher =
                Pattern.compile("(?m)^" + name + labels + " ([0-9.eE+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** A database outage as the service sees it: no new connections, and the open ones cut. */
    private static void blockDatabase() throws SQLException {
        try (Connection admin = TestDatabases.admin();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database() + " WITH ALLOW_CONNECTIONS false");
        }
        terminateServiceConnections();
    }

    private static void allowDatabase() throws SQLException {
        try (Connection admin = TestDatabases.admin();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database() + " WITH ALLOW_CONNECTIONS true");
        }
    }

    private static String database() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    private static long count(String sql, String parameter) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
