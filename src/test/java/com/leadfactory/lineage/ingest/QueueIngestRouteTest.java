package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.SourceData;
import com.leadfactory.lineage.support.TestBroker;
import com.leadfactory.lineage.support.TestDatabases;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** routes/queue-ingest.yaml in process, against the real RabbitMQ and PostgreSQL. */
// its broker topology is deleted after the class: a context kept in the cache would keep reconnecting its
// consumers to a queue that is gone, an ERROR with a stack trace every few seconds in every later test's output
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.ingest.rabbitmq.concurrent-consumers=1",
            "lineage.ingest.rabbitmq.retry-budget=200ms",
        })
class QueueIngestRouteTest {

    private static final TestBroker BROKER = new TestBroker("ingest-route").withRetryDelays("100ms");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    SourceData source;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshPostgres("lineage_queue_ingest_test");
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
    void consumerIsUp() {
        source = new SourceData(jdbc);
        Await.until("the ingest consumer is on the queue", Duration.ofSeconds(30), () -> BROKER.consumers() >= 1);
    }

    @Test
    void capturesAQueuedCompletionOnceWithSourceRabbitmq() throws Exception {
        Map<String, Object> message = source.report();
        byte[] body = MAPPER.writeValueAsBytes(message);
        BROKER.publishConfirmed(List.of(body, body));

        Await.until(
                "the lineage row exists",
                Duration.ofSeconds(30),
                () -> source.lineageRows(message.get("report_generation_id")) == 1);
        Await.until("the queue is empty", Duration.ofSeconds(30), () -> BROKER.waiting(BROKER.queue()) == 0);
        assertThat(jdbc.queryForObject(
                        "SELECT capture_source FROM report_lineage WHERE report_generation_id = ?",
                        String.class,
                        UUID.fromString(message.get("report_generation_id").toString())))
                .isEqualTo("rabbitmq");
        assertThat(source.lineageRows(message.get("report_generation_id"))).isEqualTo(1);
        assertThat(BROKER.waiting(BROKER.deadLetterQueue())).isZero();
        assertThat(BROKER.waiting(BROKER.delayQueues().get(0)))
                .as("the service declared its delay queue, and nothing waits in it")
                .isZero();
    }

    @Test
    void poisonMessagesEndInTheDeadLetterQueueWithTheirReasonAndDoNotBlockLaterOnes() throws Exception {
        Map<String, Object> unknownReport = new HashMap<>(source.report());
        unknownReport.put("report_generation_id", UUID.randomUUID().toString());
        Map<String, Object> valid = source.report();
        List<byte[]> bodies = new ArrayList<>();
        bodies.add("{not json".getBytes(StandardCharsets.UTF_8));
        bodies.add("{\"lead_id\": \"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8));
        bodies.add(MAPPER.writeValueAsBytes(unknownReport));
        bodies.add(MAPPER.writeValueAsBytes(valid));
        BROKER.publishConfirmed(bodies);

        Await.until(
                "the valid message behind the poison is captured",
                Duration.ofSeconds(30),
                () -> source.lineageRows(valid.get("report_generation_id")) == 1);
        Await.until(
                "three messages are dead-lettered",
                Duration.ofSeconds(30),
                () -> BROKER.waiting(BROKER.deadLetterQueue()) == 3);

        List<GetResponse> dead = BROKER.drainDeadLetters();
        assertThat(dead).hasSize(3);
        Map<String, GetResponse> byReason = new HashMap<>();
        for (GetResponse response : dead) {
            Map<String, Object> headers = response.getProps().getHeaders();
            assertThat(headers).containsKeys(DeadLetterAnnotator.MESSAGE, DeadLetterAnnotator.FAILED_AT);
            assertThat(String.valueOf(headers.get(DeadLetterAnnotator.ORIGINAL_ROUTING_KEY)))
                    .isEqualTo(BROKER.routingKey());
            assertThat(String.valueOf(headers.get(DeadLetterAnnotator.ORIGINAL_QUEUE)))
                    .isEqualTo(BROKER.queue());
            byReason.merge(String.valueOf(headers.get(DeadLetterAnnotator.REASON)), response, (a, b) -> a);
        }
        assertThat(byReason).containsOnlyKeys("invalid-completion", "unknown-report-generation");
        assertThat(new String(dead.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        Map<String, Object> unknownHeaders =
                byReason.get("unknown-report-generation").getProps().getHeaders();
        assertThat(String.valueOf(unknownHeaders.get(DeadLetterAnnotator.REPORT_GENERATION_ID)))
                .isEqualTo(unknownReport.get("report_generation_id"));
        // one wait in the (only) delay queue at least, and the 200ms budget spent
        assertThat(((Number) unknownHeaders.get(DeadLetterAnnotator.ATTEMPTS)).intValue())
                .isGreaterThanOrEqualTo(2);
        Instant firstSeen = Instant.parse(String.valueOf(unknownHeaders.get(DeadLetterAnnotator.FIRST_SEEN)));
        Instant failedAt = Instant.parse(String.valueOf(unknownHeaders.get(DeadLetterAnnotator.FAILED_AT)));
        assertThat(Duration.between(firstSeen, failedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(unknownHeaders).doesNotContainKeys(CaptureRetry.ATTEMPTS, CaptureRetry.FIRST_SEEN);
        assertThat(String.valueOf(unknownHeaders.get(DeadLetterAnnotator.ORIGINAL_EXCHANGE)))
                .isEqualTo(BROKER.exchange());
        Map<String, Object> invalidHeaders =
                byReason.get("invalid-completion").getProps().getHeaders();
        assertThat(((Number) invalidHeaders.get(DeadLetterAnnotator.ATTEMPTS)).intValue())
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM report_lineage WHERE report_generation_id = ?",
                        Integer.class,
                        UUID.fromString(
                                unknownReport.get("report_generation_id").toString())))
                .isZero();
    }

    @Test
    void refusedCompletionsAreDeadLetteredAtOnceWithTheirReason() throws Exception {
        Map<String, Object> contradicting = new HashMap<>(source.report());
        contradicting.put("lead_id", UUID.randomUUID().toString());
        Map<String, Object> captured = source.report();
        Map<String, Object> changedRepeat = new HashMap<>(captured);
        changedRepeat.put("template_version_id", "tpl@other");
        String duplicated = MAPPER.writeValueAsString(source.report())
                .replaceFirst("\\{", "{\"lead_id\":\"" + UUID.randomUUID() + "\",");
        BROKER.publishConfirmed(List.of(MAPPER.writeValueAsBytes(captured)));
        Await.until(
                "the first copy is captured",
                Duration.ofSeconds(30),
                () -> source.lineageRows(captured.get("report_generation_id")) == 1);

        BROKER.publishConfirmed(List.of(
                MAPPER.writeValueAsBytes(contradicting),
                MAPPER.writeValueAsBytes(changedRepeat),
                duplicated.getBytes(StandardCharsets.UTF_8)));
        Await.until(
                "three refused messages are dead-lettered",
                Duration.ofSeconds(30),
                () -> BROKER.waiting(BROKER.deadLetterQueue()) == 3);

        Map<String, Integer> attemptsByReason = new HashMap<>();
        for (GetResponse response : BROKER.drainDeadLetters()) {
            Map<String, Object> headers = response.getProps().getHeaders();
            attemptsByReason.put(
                    String.valueOf(headers.get(DeadLetterAnnotator.REASON)),
                    ((Number) headers.get(DeadLetterAnnotator.ATTEMPTS)).intValue());
            assertThat(String.valueOf(headers.get(DeadLetterAnnotator.MESSAGE))).isNotBlank();
        }
        assertThat(attemptsByReason)
                .as("no retry can change what a message says: one attempt each")
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("report-generation-mismatch", 1, "conflicting-completion", 1, "invalid-completion", 1));
        assertThat(source.lineageRows(contradicting.get("report_generation_id")))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT template_version_id FROM report_lineage WHERE report_generation_id = ?",
                        String.class,
                        UUID.fromString(captured.get("report_generation_id").toString())))
                .isEqualTo("tpl@v1");
    }

    /** The queue door shares the HTTP door's validator: an identifier that would read differently is refused. */
    @Test
    void anIdentifierWithABidiOverrideIsDeadLetteredAtOnceNamingTheField() throws Exception {
        Map<String, Object> message = new HashMap<>(source.report());
        message.put("template_version_id", "v1\u202Egnp.exe"); // would show as "v1exe.png"
        BROKER.publishConfirmed(List.of(MAPPER.writeValueAsBytes(message)));
        Await.until(
                "the refused message is dead-lettered",
                Duration.ofSeconds(30),
                () -> BROKER.waiting(BROKER.deadLetterQueue()) == 1);

        List<GetResponse> dead = BROKER.drainDeadLetters();
        assertThat(dead).hasSize(1);
        Map<String, Object> headers = dead.get(0).getProps().getHeaders();
        assertThat(String.valueOf(headers.get(DeadLetterAnnotator.REASON))).isEqualTo("invalid-completion");
        assertThat(((Number) headers.get(DeadLetterAnnotator.ATTEMPTS)).intValue())
                .isEqualTo(1);
        assertThat(String.valueOf(headers.get(DeadLetterAnnotator.MESSAGE)))
                .contains("template_version_id")
                .contains("invisible format characters (U+202E at position 3)");
        assertThat(source.lineageRows(message.get("report_generation_id"))).isZero();
    }

    /**
     * The dead-letter WARN line quotes the failure, and a repeated key is named by its path: a key holding a line
     * break, a log line's prefix and a terminal escape must not become a line of the publisher's making in the log.
     */
    @Test
    void aHostileKeyStaysInsideTheDeadLetterLine(CapturedOutput output) throws Exception {
        String key = "k\n2026-11-27T14:30:00.000Z  INFO 1 --- [lineage-panel] [main] c.l.lineage.audit.AuditRows"
                + "  : forged-line \u001b[2J";
        String json = MAPPER.writeValueAsString(key);
        BROKER.publishConfirmed(List.of(("{" + json + ":1," + json + ":2}").getBytes(StandardCharsets.UTF_8)));
        Await.until(
                "the refused message is dead-lettered",
                Duration.ofSeconds(30),
                () -> BROKER.waiting(BROKER.deadLetterQueue()) == 1);

        List<GetResponse> dead = BROKER.drainDeadLetters();
        assertThat(String.valueOf(dead.get(0).getProps().getHeaders().get(DeadLetterAnnotator.MESSAGE)))
                .contains("k\\n2026-11-27T14:30:00.000Z")
                .contains("\\u001B[2J")
                .doesNotContain("\n")
                .doesNotContain("\u001b");
        Await.until(
                "the dead letter is logged",
                Duration.ofSeconds(10),
                () -> output.getOut().contains("forged-line"));
        assertThat(output.getOut().lines().filter(line -> line.contains("forged-line")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("dead-lettered")
                        .contains("k\\n2026-11-27T14:30:00.000Z")
                        .doesNotContain("\u001b"));
    }
}
