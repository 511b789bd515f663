package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.ServiceProcess;
import com.leadfactory.lineage.support.TestBroker;
import com.leadfactory.lineage.support.TestDatabases;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Proof under faults (issue 5) against the real RabbitMQ and PostgreSQL, with the service in separate JVMs:
 * SIGKILL and restart mid-stream, database connections cut mid-stream, two instances on one queue. Every
 * confirmed message must end as exactly one lineage row, and nothing may be dead-lettered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueFaultTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN_KEY = "fault-admin-key-0123456789";
    private static final String DB_BASE = "lineage_queue_fault_test";
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration DRAIN = Duration.ofSeconds(90);

    private static TestBroker broker;
    private static String url;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void startTheService() {
        broker = new TestBroker("fault");
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
        properties.put("lineage.ingest.rabbitmq.redelivery-delay", "200ms");
        properties.put("lineage.security.clients[0].name", "fault-admin");
        properties.put("lineage.security.clients[0].api-key", ADMIN_KEY);
        properties.put("lineage.security.clients[0].roles", "admin");
        properties.put("logging.level.org.apache.camel.component.springrabbit", "WARN");
        return new ServiceProcess(name, properties);
    }

    private static void awaitConsumers(int count) {
        Await.until(count + " consumers on the queue", START, () -> broker.consumers() >= count);
    }

    /** Report rows (committed first: the lineage FK needs them) and their completion messages, sequence-numbered. */
    private static List<byte[]> reports(String batch, int count) throws Exception {
        List<byte[]> messages = new ArrayList<>();
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status,"
                                + " created_at, updated_at) VALUES (?, ?, ?, ?, 'completed', ?, ?)")) {
            for (int seq = 0; seq < count; seq++) {
                UUID report = UUID.randomUUID();
                UUID lead = UUID.randomUUID();
                UUID run = UUID.randomUUID();
                insert.setObject(1, report);
                insert.setObject(2, lead);
                insert.setObject(3, run);
                insert.setString(4, template(batch));
                insert.setObject(5, finished.minusSeconds(30));
                insert.setObject(6, finished);
                insert.addBatch();
                Map<String, Object> message = new HashMap<>();
                message.put("report_generation_id", report.toString());
                message.put("lead_id", lead.toString());
                message.put("pipeline_run_id", run.toString());
                message.put("template_version_id", template(batch));
                message.put("pipeline_started_at", finished.minusSeconds(30).toString());
                message.put("pipeline_finished_at", finished.toString());
                message.put("inputs", Map.of("seq", seq));
                messages.add(MAPPER.writeValueAsBytes(message));
            }
            insert.executeBatch();
        }
        return messages;
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
        String database = url.substring(url.lastIndexOf('/') + 1);
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
        String metrics = RestAssured.given()
                .port(instance.port())
                .header("X-API-Key", ADMIN_KEY)
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher matcher = Pattern.compile("lineage_captured_total\\{[^}]*source=\"rabbitmq\"[^}]*} ([0-9.eE+]+)")
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
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
