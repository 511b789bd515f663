package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.ServiceProcess;
import com.leadfactory.lineage.support.TestDatabases;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances, one database, one log, each in its own JVM as deployed: two instances with the same signing key
 * serve audited reads while both run the checkpointer every second; every row gets exactly one sequence number, each
 * checkpoint size is signed once, and the log verifies through either instance and the CLI. A third instance started
 * against the same log with another key by mistake does not start, and says which key signed the log and which it
 * was given; the log the other two keep signing still verifies.
 */
class AuditLogInstancesFaultTest {

    private static final String AUDITOR_KEY = "instances-auditor-key-0123456789";
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    private final List<ServiceProcess> services = new ArrayList<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        readers.shutdownNow();
        readers.awaitTermination(30, TimeUnit.SECONDS);
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    @Test
    void twoInstancesSignOneLogThatVerifiesAndAThirdWithAnotherKeyDoesNotStart() throws Exception {
        String url = TestDatabases.freshPostgres("lineage_audit_instances");
        KeyPair key = AuditKeys.generate();
        Path keyFile =
                Files.writeString(directory.resolve("audit-signing.pem"), AuditKeys.privatePem(key.getPrivate()));
        Path checkpoints = directory.resolve("checkpoints");

        ServiceProcess a =
                service("audit-instance-a", url, keyFile, checkpoints).start();
        ServiceProcess b =
                service("audit-instance-b", url, keyFile, checkpoints).start();
        a.awaitReady(START);
        b.awaitReady(START);

        // the mistake, once the log has a checkpoint: another key for the same log
        for (ServiceProcess instance : List.of(a, b)) {
            RestAssured.given()
                    .port(instance.port())
                    .header("X-API-Key", AUDITOR_KEY)
                    .get("/api/lineage/search?limit=1")
                    .then()
                    .statusCode(200);
        }
        Await.until("a first checkpoint", Duration.ofSeconds(30), () -> checkpointCount(url) > 0);
        Path otherKeyFile = Files.writeString(
                directory.resolve("other-signing.pem"),
                AuditKeys.privatePem(AuditKeys.generate().getPrivate()));
        ServiceProcess wrong = service("audit-instance-wrong-key", url, otherKeyFile, checkpoints)
                .start();
        assertThat(wrong.awaitExit(START))
                .as("the instance with another key exits")
                .isNotZero();
        assertThat(wrong.log())
                .contains("APPLICATION FAILED TO START")
                .contains("is signed with key id "
                        + HexFormat.of().formatHex(AuditKeys.keyId("lineage-panel/audit", key.getPublic())))
                .contains("from lineage.audit.signing-key-file " + otherKeyFile)
                .contains("Give every instance of this log the same lineage.audit.signing-key-file");

        AtomicBoolean stopReading = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int port = (i % 2 == 0 ? a : b).port();
            running.add(readers.submit(() -> {
                while (!stopReading.get()) {
                    int status = RestAssured.given()
                            .port(port)
                            .header("X-API-Key", AUDITOR_KEY)
                            .get("/api/lineage/search?limit=1")
                            .statusCode();
                    assertThat(status).isEqualTo(200);
                    reads.incrementAndGet();
                }
                return null;
            }));
        }

        // both instances take turns at the lock while rows keep arriving
        Await.until(
                "both instances have signed a checkpoint",
                Duration.ofSeconds(40),
                () -> a.log().contains("Audit checkpoint ")
                        && b.log().contains("Audit checkpoint ")
                        && checkpointCount(url) >= 4);
        stopReading.set(true);
        for (Future<?> reader : running) {
            reader.get(30, TimeUnit.SECONDS);
        }
        assertThat(reads.get()).isPositive();
        Await.until("every audit row is under a checkpoint", Duration.ofSeconds(30), () -> covered(url));

        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                Statement statement = db.createStatement()) {
            ResultSet leaves = statement.executeQuery(
                    "SELECT COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq), COUNT(DISTINCT audit_id),"
                            + " (SELECT COUNT(*) FROM report_lineage_audit) FROM audit_log_leaf");
            leaves.next();
            long rows = leaves.getLong(6);
            assertThat(new long[] {
                        leaves.getLong(1), leaves.getLong(2), leaves.getLong(3), leaves.getLong(4), leaves.getLong(5)
                    })
                    .as("one leaf a row, numbered 1..n without gap or repeat")
                    .containsExactly(rows, rows, 1, rows, rows);
            ResultSet signed = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT size) FROM audit_checkpoint");
            signed.next();
            assertThat(signed.getLong(2)).isEqualTo(signed.getLong(1));
            try (var files = Files.list(checkpoints)) {
                assertThat(files.filter(f -> f.toString().endsWith(".checkpoint")))
                        .as("each checkpoint left the box once, from the instance that signed it")
                        .hasSize((int) signed.getLong(1));
            }
        }

        for (ServiceProcess instance : List.of(a, b)) {
            JsonPath report = RestAssured.given()
                    .port(instance.port())
                    .header("X-API-Key", AUDITOR_KEY)
                    .get("/api/audit/verify")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(report.getString("status")).as(report.prettify()).isEqualTo("verified");
            assertThat(report.getInt("exported_checkpoints")).isPositive();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyAuditCommand.run(
                new String[] {
                    "verify-audit",
                    "--public-key",
                    AuditKeys.publicPem(key.getPublic()),
                    "--checkpoints",
                    checkpoints.toString()
                },
                Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "postgres"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("verified: ");
        // how they stop is not what this test is about
        a.kill();
        b.kill();
    }

    private ServiceProcess service(String name, String url, Path keyFile, Path checkpoints) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("lineage.demo.enabled", "false");
        properties.put("lineage.reconcile.enabled", "false");
        properties.put("lineage.audit.signing-key-file", keyFile.toString());
        properties.put("lineage.audit.checkpoint-dir", checkpoints.toString());
        properties.put("lineage.audit.checkpoint-interval", "1s");
        properties.put("lineage.security.clients[0].name", "instances-auditor");
        properties.put("lineage.security.clients[0].api-key", AUDITOR_KEY);
        properties.put("lineage.security.clients[0].roles", "viewer,auditor");
        ServiceProcess service = new ServiceProcess(name, properties).maxHeap("256m");
        services.add(service);
        return service;
    }

    private static long checkpointCount(String url) {
        return query(url, "SELECT COUNT(*) FROM audit_checkpoint");
    }

    private static boolean covered(String url) {
        return query(
                        url,
                        "SELECT (SELECT COUNT(*) FROM report_lineage_audit)"
                                + " - COALESCE((SELECT MAX(size) FROM audit_checkpoint), 0)")
                == 0;
    }

    private static long query(String url, String sql) {
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
