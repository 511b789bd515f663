package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.SourceData;
import com.leadfactory.lineage.support.TestBroker;
import com.leadfactory.lineage.support.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StatefulService;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real routes/queue-ingest.yaml with its broker ends advised away (messages come in on a direct endpoint; the
 * publishes to the retry exchange, back to the queue and to the dead-letter exchange land in mocks), on PostgreSQL:
 * what a failed capture becomes — a wait in the right delay queue with its attempt count, a dead letter once its
 * budget is spent, or, when the database really does not answer (connections to this test's database blocked),
 * the message put back untouched while the consumer pauses, and resumed when the database answers again.
 */
@CamelSpringBootTest
@UseAdviceWith
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// its broker topology is deleted after the class: a context kept in the cache would keep reconnecting its
// consumers to a queue that is gone, an ERROR with a stack trace every few seconds in every later test's output
@DirtiesContext
@SpringBootTest(
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.ingest.rabbitmq.retry-budget=10m",
            "lineage.ingest.rabbitmq.retry-pause-check-interval=300ms",
            "spring.datasource.hikari.connection-timeout=1000",
        })
class QueueRetryRouteTest {

    private static final TestBroker BROKER = new TestBroker("retry-route").withRetryDelays("1s", "5s");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static String database;

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IngestPause pause;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshPostgres("lineage_queue_retry_route_test");
        database = url.substring(url.lastIndexOf('/') + 1);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        BROKER.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void deleteTopology() {
        BROKER.close();
    }

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camel.getStatus().isStarted()) {
            AdviceWith.adviceWith(camel, "queue-ingest", r -> r.replaceFromWith("direct:queue-ingest-test"));
            AdviceWith.adviceWith(
                    camel,
                    "queue-ingest-failed",
                    r -> r.weaveByToUri("spring-rabbitmq:*").replace().to("mock:retry"));
            AdviceWith.adviceWith(
                    camel,
                    "queue-ingest-put-back",
                    r -> r.weaveByToUri("spring-rabbitmq:*").replace().to("mock:put-back"));
            AdviceWith.adviceWith(
                    camel,
                    "dead-letter-completion",
                    r -> r.weaveByToUri("spring-rabbitmq:*").replace().to("mock:dead-letter"));
            camel.start();
        }
        for (String mock : new String[] {"mock:retry", "mock:put-back", "mock:dead-letter"}) {
            camel.getEndpoint(mock, MockEndpoint.class).reset();
        }
    }

    @Test
    @Order(1)
    void aCompletionWhoseReportIsNotCommittedWaitsInTheFirstDelayQueueWithItsAttemptCount() throws Exception {
        MockEndpoint retry = mock("mock:retry");
        retry.expectedMessageCount(1);
        String body = unknownReport();

        Exchange result = deliver(body, Map.of());

        retry.assertIsSatisfied();
        assertThat(result.getException()).isNull();
        Exchange waiting = retry.getExchanges().get(0);
        assertThat(waiting.getMessage().getBody(String.class)).isEqualTo(body);
        Map<String, Object> headers = waiting.getMessage().getHeaders();
        assertThat(headers)
                .containsEntry("CamelSpringRabbitmqRoutingOverrideKey", BROKER.queue() + ".retry.1s")
                .containsEntry(CaptureRetry.ATTEMPTS, 1)
                .containsEntry(CaptureRetry.REASON, "unknown-report-generation")
                .containsEntry(DeadLetterAnnotator.ORIGINAL_EXCHANGE, BROKER.exchange())
                .containsEntry(DeadLetterAnnotator.ORIGINAL_ROUTING_KEY, BROKER.routingKey());
        assertThat(Instant.parse(String.valueOf(headers.get(CaptureRetry.FIRST_SEEN))))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(mock("mock:dead-letter").getReceivedCounter()).isZero();
        assertThat(pause.isPaused()).isFalse();
    }

    @Test
    @Order(2)
    void laterAttemptsWaitInTheLastDelayQueueUntilTheBudgetIsSpent() throws Exception {
        MockEndpoint retry = mock("mock:retry");
        retry.expectedMessageCount(1);
        Instant firstSeen = Instant.now().minus(Duration.ofMinutes(3));

        deliver(unknownReport(), Map.of(CaptureRetry.ATTEMPTS, 4, CaptureRetry.FIRST_SEEN, firstSeen.toString()));

        retry.assertIsSatisfied();
        Map<String, Object> headers = retry.getExchanges().get(0).getMessage().getHeaders();
        assertThat(headers)
                .containsEntry("CamelSpringRabbitmqRoutingOverrideKey", BROKER.queue() + ".retry.5s")
                .containsEntry(CaptureRetry.ATTEMPTS, 5)
                .containsEntry(CaptureRetry.FIRST_SEEN, firstSeen.toString());
    }

    @Test
    @Order(2)
    void aFirstSeenTimeInTheFutureIsTakenAsNowSoTheBudgetStillEnds() throws Exception {
        MockEndpoint retry = mock("mock:retry");
        retry.expectedMessageCount(1);
        Instant before = Instant.now();

        deliver(unknownReport(), Map.of(CaptureRetry.ATTEMPTS, 6, CaptureRetry.FIRST_SEEN, "2099-01-01T00:00:00Z"));

        retry.assertIsSatisfied();
        Instant recorded = Instant.parse(String.valueOf(
                retry.getExchanges().get(0).getMessage().getHeaders().get(CaptureRetry.FIRST_SEEN)));
        assertThat(recorded).isBetween(before, Instant.now());
    }

    @Test
    @Order(3)
    void pastItsBudgetItIsDeadLetteredWithReasonAttemptsAndFirstSeenTime() throws Exception {
        MockEndpoint deadLetter = mock("mock:dead-letter");
        deadLetter.expectedMessageCount(1);
        Instant firstSeen = Instant.now().minus(Duration.ofMinutes(11));
        String body = unknownReport();

        deliver(body, Map.of(CaptureRetry.ATTEMPTS, "6", CaptureRetry.FIRST_SEEN, firstSeen.toString()));

        deadLetter.assertIsSatisfied();
        Exchange dead = deadLetter.getExchanges().get(0);
        assertThat(dead.getMessage().getBody(String.class)).isEqualTo(body);
        Map<String, Object> headers = dead.getMessage().getHeaders();
        assertThat(headers)
                .containsEntry(DeadLetterAnnotator.REASON, "unknown-report-generation")
                .containsEntry(DeadLetterAnnotator.ATTEMPTS, 7)
                .containsEntry(DeadLetterAnnotator.FIRST_SEEN, firstSeen.toString())
                .doesNotContainKeys(CaptureRetry.ATTEMPTS, CaptureRetry.FIRST_SEEN, CaptureRetry.REASON);
        assertThat(mock("mock:retry").getReceivedCounter()).isZero();
    }

    @Test
    @Order(4)
    void anInvalidCompletionIsDeadLetteredAtOnceAndAValidOneIsCapturedWithoutAnyPublish() throws Exception {
        MockEndpoint deadLetter = mock("mock:dead-letter");
        deadLetter.expectedMessageCount(1);
        Map<String, Object> valid = new SourceData(jdbc).report();

        deliver("{\"lead_id\": 7}", Map.of());
        deliver(MAPPER.writeValueAsString(valid), Map.of());

        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeaders())
                .containsEntry(DeadLetterAnnotator.REASON, "invalid-completion")
                .containsEntry(DeadLetterAnnotator.ATTEMPTS, 1);
        assertThat(new SourceData(jdbc).lineageRows(valid.get("report_generation_id")))
                .isEqualTo(1);
        assertThat(mock("mock:retry").getReceivedCounter()).isZero();
        assertThat(mock("mock:put-back").getReceivedCounter()).isZero();
    }

    @Test
    @Order(5)
    void whenTheDatabaseDoesNotAnswerTheMessageGoesBackUntouchedAndTheConsumerPausesUntilItAnswers() throws Exception {
        Map<String, Object> completion = new SourceData(jdbc).report();
        String body = MAPPER.writeValueAsString(completion);
        MockEndpoint putBack = mock("mock:put-back");
        putBack.expectedMessageCount(1);
        double pausesBefore = registry.counter("lineage.ingest.pauses").count();

        blockDatabase();
        try {
            deliver(body, Map.of(CaptureRetry.ATTEMPTS, 2));

            putBack.assertIsSatisfied();
            Exchange back = putBack.getExchanges().get(0);
            assertThat(back.getMessage().getBody(String.class)).isEqualTo(body);
            assertThat(back.getMessage().getHeaders())
                    .as("the retry budget is untouched")
                    .containsEntry(CaptureRetry.ATTEMPTS, 2)
                    .doesNotContainKey(CaptureRetry.FIRST_SEEN);
            assertThat(pause.isPaused()).isTrue();
            Await.until(
                    "the ingest consumer is suspended",
                    Duration.ofSeconds(30),
                    () -> consumer().isSuspended());
            assertThat(registry.get("lineage.ingest.paused").gauge().value()).isEqualTo(1.0);
            assertThat(registry.counter("lineage.ingest.pauses").count()).isEqualTo(pausesBefore + 1);
            Await.sleep(1000); // three checks of the database while it is still away
            assertThat(pause.isPaused())
                    .as("still paused while the database is away")
                    .isTrue();
        } finally {
            allowDatabase();
        }

        Await.until(
                "the consumer resumes by itself",
                Duration.ofSeconds(30),
                () -> !pause.isPaused() && consumer().isStarted());
        assertThat(registry.get("lineage.ingest.paused").gauge().value()).isZero();
        deliver(body, Map.of());
        assertThat(new SourceData(jdbc).lineageRows(completion.get("report_generation_id")))
                .isEqualTo(1);
        assertThat(mock("mock:dead-letter").getReceivedCounter()).isZero();
        assertThat(mock("mock:retry").getReceivedCounter()).isZero();
    }

    private Exchange deliver(String body, Map<String, Object> headers) {
        return producer.send("direct:queue-ingest-test", exchange -> {
            exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
            exchange.getMessage().setHeader("CamelSpringRabbitmqExchangeName", BROKER.exchange());
            exchange.getMessage().setHeader("CamelSpringRabbitmqRoutingKey", BROKER.routingKey());
            headers.forEach(exchange.getMessage()::setHeader);
        });
    }

    private String unknownReport() throws Exception {
        Map<String, Object> message = new HashMap<>(new SourceData(jdbc).report());
        message.put("report_generation_id", UUID.randomUUID().toString());
        return MAPPER.writeValueAsString(message);
    }

    private MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    private StatefulService consumer() {
        return (StatefulService) camel.getRoute(IngestPause.ROUTE_ID).getConsumer();
    }

    private static void blockDatabase() throws SQLException {
        try (Connection admin = TestDatabases.admin();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
            try (PreparedStatement terminate = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
                terminate.setString(1, database);
                terminate.execute();
            }
        }
    }

    private static void allowDatabase() throws SQLException {
        try (Connection admin = TestDatabases.admin();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
        }
    }
}
