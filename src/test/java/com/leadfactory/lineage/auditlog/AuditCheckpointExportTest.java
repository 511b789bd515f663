package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.TestBroker;
import com.leadfactory.lineage.support.TestDatabases;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
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

/**
 * A checkpoint leaves the box: with queue ingest on, the checkpointer route publishes the signed note to the
 * checkpoint exchange (declared by the service, fanout) and writes it to the checkpoint directory, on the real
 * RabbitMQ. Names unique to the run.
 */
@ExtendWith(OutputCaptureExtension.class)
// its broker topology is deleted after the class: a context kept in the cache would keep reconnecting its
// consumers to a queue that is gone, an ERROR with a stack trace every few seconds in every later test's output
@DirtiesContext
@SpringBootTest(
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.audit.checkpoint-interval=1h",
        })
class AuditCheckpointExportTest {

    private static final TestBroker BROKER = new TestBroker("audit-checkpoints");
    private static final String EXCHANGE = BROKER.exchange() + ".audit-checkpoints";
    private static Path dir;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("audit-export");
        registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("audit_export"));
        registry.add("spring.datasource.username", () -> "sa");
        BROKER.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("lineage.audit.checkpoint-exchange", () -> EXCHANGE);
        registry.add("lineage.audit.checkpoint-dir", dir::toString);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    AuditSigner signer;

    @AfterAll
    static void deleteTopology() throws Exception {
        try (Connection connection = connect();
                Channel channel = connection.createChannel()) {
            channel.exchangeDelete(EXCHANGE);
        }
        BROKER.close();
    }

    private static Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestBroker.HOST);
        factory.setPort(TestBroker.PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory.newConnection("audit-checkpoint-export-test");
    }

    @Test
    void eachCheckpointIsPublishedAndWrittenToAFile() throws Exception {
        try (Connection connection = connect();
                Channel channel = connection.createChannel()) {
            String queue = boundQueue(connection, channel);

            SignedCheckpoint published = checkpointAfterOneMoreRow(channel, queue, "someone");
            assertThat(AuditKeys.verify(signer.publicKey(), published)).isTrue();
            assertThat(published.size()).isEqualTo(1);

            Path file = dir.resolve(CheckpointFiles.name(published));
            assertThat(Files.readString(file)).isEqualTo(published.text());
            Files.writeString(dir.resolve(".writing-" + file.getFileName()), "half a no");
            assertThat(CheckpointFiles.read(dir))
                    .as("a note still being written is not read")
                    .extracting(AuditVerifier.ExportedCheckpoint::note)
                    .containsExactly(published.text());
        }
    }

    /** A directory that cannot be written keeps the note neither off the exchange nor out of the database. */
    @Test
    void aCheckpointDirectoryThatCannotBeWrittenDoesNotKeepTheNoteOffTheExchange(CapturedOutput output)
            throws Exception {
        try (Connection connection = connect();
                Channel channel = connection.createChannel()) {
            String queue = boundQueue(connection, channel);
            Path moved = Files.move(dir, dir.resolveSibling(dir.getFileName() + "-moved"));
            // a file where the directory should be: a failed mount, a wrong path
            Files.writeString(dir, "not a directory");
            try {
                SignedCheckpoint published = checkpointAfterOneMoreRow(channel, queue, "someone else");
                assertThat(AuditKeys.verify(signer.publicKey(), published)).isTrue();
                assertThat(jdbc.queryForObject(
                                "SELECT note FROM audit_checkpoint WHERE size = ?", String.class, published.size()))
                        .isEqualTo(published.text());
                java.util.List<String> lines = output.getOut().lines().toList();
                int at = java.util.stream.IntStream.range(0, lines.size())
                        .filter(i -> lines.get(i).contains("Audit checkpoint " + published.size() + " could not be"))
                        .findFirst()
                        .orElseThrow();
                assertThat(lines.get(at)).contains("ERROR", "the directory " + dir);
                assertThat(lines.subList(at + 1, Math.min(at + 3, lines.size())))
                        .as("the reason on the line, no stack trace at every checkpoint")
                        .noneMatch(next -> next.startsWith("\tat ") || next.matches("^[\\w.$]+(Exception|Error)\\b.*"));
            } finally {
                Files.delete(dir);
                Files.move(moved, dir);
            }
        }
    }

    /** A queue of this test's own, bound to the checkpoint exchange once the service has declared it. */
    private static String boundQueue(Connection connection, Channel channel) throws Exception {
        Await.until("the service declared the checkpoint exchange", Duration.ofSeconds(30), () -> {
            try (Channel probe = connection.createChannel()) {
                probe.exchangeDeclarePassive(EXCHANGE);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, EXCHANGE, "");
        return queue;
    }

    /** Writes one audit row, runs the checkpointer and returns the checkpoint it published. */
    private SignedCheckpoint checkpointAfterOneMoreRow(Channel channel, String queue, String user) {
        jdbc.update(
                "INSERT INTO report_lineage_audit (id, action, user_id, accessed_at, outcome) VALUES (?, ?, ?, ?, ?)",
                UUID.randomUUID(),
                "lookup",
                user,
                OffsetDateTime.now(ZoneOffset.UTC),
                "ok");
        producer.sendBody("direct:audit-checkpoint", null);
        AtomicReference<GetResponse> received = new AtomicReference<>();
        Await.until("the checkpoint arrives", Duration.ofSeconds(30), () -> {
            try {
                received.set(channel.basicGet(queue, true));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return received.get() != null;
        });
        return SignedCheckpoint.parse(new String(received.get().getBody(), StandardCharsets.UTF_8));
    }
}
