package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.config.AuditLogProperties;
import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.TestDatabases;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The log against a database superuser who bypasses the append-only trigger ({@code session_replication_role =
 * replica}): each kind of tampering is found and named by the API and by the CLI, and an untouched log verifies.
 * Its own service and database: the checkpointer runs only when a test says, and exports to a directory of its own.
 */
@TestPropertySource(
        properties = {
            "lineage.audit.checkpoint-interval=1h",
            "lineage.audit.settle-window=5m",
            "lineage.audit.batch-size=50"
        })
class AuditLogTamperPostgresTest extends ApiTestBase {

    private static String url;
    private static Path exportDir;

    /** The key the service signed with before its signing key was rotated (lineage.audit.previous-public-keys). */
    private static final KeyPair BEFORE_ROTATION = AuditKeys.generate();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        url = TestDatabases.freshPostgres("lineage_audit_tamper");
        exportDir = Files.createTempDirectory("audit-checkpoints");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("lineage.audit.checkpoint-dir", exportDir::toString);
        registry.add("lineage.audit.previous-public-keys[0]", () -> AuditKeys.publicPem(BEFORE_ROTATION.getPublic()));
    }

    @Autowired
    ProducerTemplate producer;

    @Autowired
    AuditCheckpointer checkpointer;

    @Autowired
    AuditSigner signer;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    AuditLogProperties auditLogProperties;

    private static final OffsetDateTime TWO_HOURS_AGO =
            OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.MILLIS);

    /** As the superuser, triggers off: the attacker's session. */
    private static Connection attacker() throws SQLException {
        Connection connection = DriverManager.getConnection(url, "postgres", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
        }
        return connection;
    }

    private static void tamper(String... statements) throws SQLException {
        try (Connection connection = attacker();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** One statement with {@code ?} parameters, in the attacker's session. */
    private static void tamperWith(String sql, Object... values) throws SQLException {
        try (Connection connection = attacker();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    @BeforeEach
    void anEmptyLog() throws SQLException, IOException {
        tamper(
                "DELETE FROM report_lineage_audit",
                "DELETE FROM audit_log_leaf",
                "DELETE FROM audit_checkpoint",
                "UPDATE audit_log_head SET size = 0, frontier = NULL, last_checkpoint_at = NULL");
        try (Stream<Path> files = Files.list(exportDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    /** {@code n} audit rows, a minute apart from {@code from}, as any writer would insert them. */
    private List<UUID> rows(int n, OffsetDateTime from) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            jdbc.update(
                    "INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, ip_address, user_agent,"
                            + " accessed_at, outcome, request_id, details, purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?)",
                    id,
                    i % 2 == 0 ? UUID.randomUUID() : null,
                    "lookup",
                    "reader-" + i,
                    "10.0.0." + i,
                    i % 3 == 0 ? "" : "curl/8",
                    from.plusMinutes(i),
                    "ok",
                    "req-" + i,
                    null,
                    i % 2 == 1 ? "ticket OPS-" + i : null);
            ids.add(id);
        }
        return ids;
    }

    private void checkpoint() {
        producer.sendBody("direct:audit-checkpoint", null);
    }

    private JsonPath api() {
        return as(AUDITOR_KEY)
                .get("/api/audit/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private record CliRun(int exit, String out) {}

    private CliRun cli() {
        return cli(signer.publicKeyPem());
    }

    /** verify-audit with these public keys (each given as --public-key). */
    private CliRun cli(String... publicKeys) {
        List<String> args = new ArrayList<>(List.of("verify-audit"));
        for (String key : publicKeys) {
            args.add("--public-key");
            args.add(key);
        }
        args.add("--checkpoints");
        args.add(exportDir.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyAuditCommand.run(
                args.toArray(String[]::new),
                Map.of(
                        "SPRING_DATASOURCE_URL", url,
                        "SPRING_DATASOURCE_USERNAME", "postgres",
                        "SPRING_DATASOURCE_PASSWORD", ""),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private JsonPath assertBroken(String kind) {
        JsonPath report = api();
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("broken");
        assertThat(report.getString("break.kind")).as(report.prettify()).isEqualTo(kind);
        CliRun cli = cli();
        assertThat(cli.exit()).as(cli.out()).isEqualTo(1);
        assertThat(cli.out()).startsWith("broken: " + kind);
        return report;
    }

    @Test
    void anUntouchedLogVerifiesAndItsCheckpointsLeftTheBox() throws IOException {
        rows(6, TWO_HOURS_AGO);
        checkpoint();
        rows(1, OffsetDateTime.now(ZoneOffset.UTC)); // after the last checkpoint: not yet covered, not a break

        JsonPath report = api();
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("verified");
        assertThat(report.getLong("rows")).isEqualTo(6);
        assertThat(report.getLong("latest_size")).isEqualTo(6);
        assertThat(report.getInt("exported_checkpoints")).isEqualTo(1);
        assertThat(report.getLong("not_yet_covered")).isEqualTo(1);
        CliRun cli = cli();
        assertThat(cli.exit()).as(cli.out()).isZero();
        assertThat(cli.out()).startsWith("verified: 6 rows, 1 checkpoints, latest root ");

        Path file = exportDir.resolve("00000000000000000006.checkpoint");
        assertThat(file).exists();
        SignedCheckpoint exported = SignedCheckpoint.parse(Files.readString(file));
        assertThat(AuditKeys.verify(signer.publicKey(), exported)).isTrue();
        assertThat(exported.rootBase64()).isEqualTo(report.getString("latest_root"));
    }

    /** The jar's own entry point in a JVM of its own: main dispatches verify-audit, no web server starts. */
    private CliRun mainInItsOwnJvm() throws IOException, InterruptedException {
        Path key = Files.writeString(
                exportDir.getParent().resolve("audit-public-" + UUID.randomUUID() + ".pem"), signer.publicKeyPem());
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "com.leadfactory.lineage.LineagePanelApplication",
                        "verify-audit",
                        "--public-key",
                        key.toString(),
                        "--checkpoints",
                        exportDir.toString())
                .redirectErrorStream(true);
        builder.environment().put("SPRING_DATASOURCE_URL", url);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", "");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Files.delete(key);
        return new CliRun(process.exitValue(), out);
    }

    @Test
    void theJarsVerifyAuditModeExitsZeroOnAnIntactLogAndOneOnABrokenOne() throws Exception {
        List<UUID> ids = rows(3, TWO_HOURS_AGO);
        checkpoint();
        CliRun intact = mainInItsOwnJvm();
        assertThat(intact.exit()).as(intact.out()).isZero();
        assertThat(intact.out()).contains("verified: 3 rows, 1 checkpoints").doesNotContain("Tomcat");
        tamper("UPDATE report_lineage_audit SET outcome = 'denied' WHERE id = '" + ids.get(0) + "'");
        CliRun broken = mainInItsOwnJvm();
        assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
        assertThat(broken.out()).contains("broken: row_modified at seq 1");
    }

    @Test
    void anEmptyCheckpointDirectoryIsSaidNotPassedOver() throws IOException {
        rows(2, TWO_HOURS_AGO);
        checkpoint();
        Path empty = Files.createTempDirectory("no-checkpoints");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = VerifyAuditCommand.run(
                    new String[] {
                        "verify-audit", "--public-key", signer.publicKeyPem(), "--checkpoints", empty.toString()
                    },
                    Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", "postgres"),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("verified: 2 rows, 1 checkpoints");
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("holds no exported checkpoint")
                    .contains(empty.toString());
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void aChangedUserIsRowModified() throws SQLException {
        List<UUID> ids = rows(6, TWO_HOURS_AGO);
        checkpoint();
        tamper("UPDATE report_lineage_audit SET user_id = 'someone-else' WHERE id = '" + ids.get(2) + "'");
        JsonPath report = assertBroken(AuditVerifier.ROW_MODIFIED);
        assertThat(report.getLong("break.seq")).isEqualTo(3);
        assertThat(report.getString("break.audit_id")).isEqualTo(ids.get(2).toString());
    }

    @Test
    void twoLeavesPointedAtEachOthersRowsAreRowsReordered() throws SQLException {
        List<UUID> ids = rows(5, TWO_HOURS_AGO);
        checkpoint();
        UUID placeholder = UUID.randomUUID();
        tamper(
                "UPDATE audit_log_leaf SET audit_id = '" + placeholder + "' WHERE seq = 2",
                "UPDATE audit_log_leaf SET audit_id = '" + ids.get(1) + "' WHERE seq = 3",
                "UPDATE audit_log_leaf SET audit_id = '" + ids.get(2) + "' WHERE seq = 2");
        JsonPath report = assertBroken(AuditVerifier.ROWS_REORDERED);
        assertThat(report.getLong("break.seq")).isEqualTo(2);
    }

    @Test
    void aDeletedRowIsRowMissing() throws SQLException {
        List<UUID> ids = rows(6, TWO_HOURS_AGO);
        checkpoint();
        tamper("DELETE FROM report_lineage_audit WHERE id = '" + ids.get(2) + "'");
        JsonPath report = assertBroken(AuditVerifier.ROW_MISSING);
        assertThat(report.getLong("break.seq")).isEqualTo(3);
    }

    @Test
    void aForgedRowBetweenTwoOthersIsRowInserted() throws SQLException {
        rows(6, TWO_HOURS_AGO);
        checkpoint();
        UUID forged = UUID.randomUUID();
        tamper("INSERT INTO report_lineage_audit (id, action, user_id, accessed_at, outcome) VALUES ('" + forged
                + "', 'lookup', 'reader-1', TIMESTAMPTZ '" + TWO_HOURS_AGO.plusSeconds(150) + "', 'ok')");
        // the checkpointer does not sweep it in either
        checkpoint();
        JsonPath report = assertBroken(AuditVerifier.ROW_INSERTED);
        assertThat(report.getString("break.audit_id")).isEqualTo(forged.toString());
    }

    /**
     * The head's last_checkpoint_at is a column anyone can rewind: the checkpointer takes the settle window from the
     * time the last checkpoint signed, and the verifier holds every leaf to it, so a backdated row sequenced by hand
     * is found too.
     */
    @Test
    void aForgedRowBackdatedBehindARewoundHeadIsRowInserted() throws SQLException {
        rows(6, TWO_HOURS_AGO);
        checkpoint();
        UUID forged = UUID.randomUUID();
        tamper(
                "UPDATE audit_log_head SET last_checkpoint_at = TIMESTAMPTZ '1970-01-01 00:00:00+00'",
                "INSERT INTO report_lineage_audit (id, action, user_id, accessed_at, outcome) VALUES ('" + forged
                        + "', 'download', 'reader-1', TIMESTAMPTZ '" + TWO_HOURS_AGO.plusSeconds(150) + "', 'ok')");
        checkpoint();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log_leaf WHERE audit_id = ?", Long.class, forged))
                .isZero();
        JsonPath report = assertBroken(AuditVerifier.ROW_INSERTED);
        assertThat(report.getString("break.audit_id")).isEqualTo(forged.toString());
        // sequenced by hand, leaf and all, after the checkpoint: the leaf is older than any tick would take
        byte[] leaf = CanonicalRow.leafHash(jdbc.queryForObject(
                "SELECT " + CanonicalRow.selectList("a") + " FROM report_lineage_audit a WHERE a.id = ?",
                (rs, i) -> CanonicalRow.read(rs),
                forged));
        tamperWith("INSERT INTO audit_log_leaf (seq, audit_id, leaf_hash) VALUES (7, ?, ?)", forged, leaf);
        report = assertBroken(AuditVerifier.ROW_INSERTED);
        assertThat(report.getLong("break.seq")).isEqualTo(7);
        assertThat(report.getString("break.detail")).contains("backdated");
    }

    /** The settle window counts from the last checkpoint's signed time: a note that cannot be read stops signing. */
    @Test
    void theCheckpointerSignsNothingAfterALastCheckpointItCannotRead() throws SQLException {
        rows(3, TWO_HOURS_AGO);
        checkpoint();
        tamper("UPDATE audit_checkpoint SET note = 'not a note' WHERE size = 3");
        rows(1, OffsetDateTime.now(ZoneOffset.UTC));
        assertTheCheckpointerRefuses("last checkpoint (size 3) cannot be read", 1, 3);
    }

    @Test
    void twoRowsThatSwappedContentsAreRowsReordered() throws SQLException {
        List<UUID> ids = rows(6, TWO_HOURS_AGO);
        checkpoint();
        String columns = "lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id,"
                + " details, purpose, on_behalf_of, occurred_at, event_id";
        String set = Stream.of(columns.split(", "))
                .map(c -> c + " = o." + c)
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        tamper(
                "CREATE TEMP TABLE swap AS SELECT * FROM report_lineage_audit WHERE id IN ('" + ids.get(1) + "', '"
                        + ids.get(3) + "')",
                "UPDATE report_lineage_audit t SET " + set + " FROM swap o WHERE (t.id, o.id) IN (('" + ids.get(1)
                        + "'::uuid, '" + ids.get(3) + "'::uuid), ('" + ids.get(3) + "'::uuid, '" + ids.get(1)
                        + "'::uuid))");
        JsonPath report = assertBroken(AuditVerifier.ROWS_REORDERED);
        assertThat(report.getLong("break.seq")).isEqualTo(2);
        assertThat(report.getString("break.detail")).contains("2 and 4");
    }

    @Test
    void aTailDeletedAfterACheckpointIsRowMissing() throws SQLException {
        List<UUID> ids = rows(6, TWO_HOURS_AGO);
        checkpoint();
        tamper(
                "DELETE FROM report_lineage_audit WHERE id IN ('" + ids.get(4) + "', '" + ids.get(5) + "')",
                "DELETE FROM audit_log_leaf WHERE seq > 4");
        JsonPath report = assertBroken(AuditVerifier.ROW_MISSING);
        assertThat(report.getLong("break.seq")).isEqualTo(5);
        assertThat(report.getLong("break.checkpoint_size")).isEqualTo(6);
    }

    @Test
    void aRowRewrittenTogetherWithItsLeafIsCaughtByTheSignedRoot() throws SQLException {
        List<UUID> ids = rows(6, TWO_HOURS_AGO);
        checkpoint();
        tamper("UPDATE report_lineage_audit SET user_id = 'someone-else' WHERE id = '" + ids.get(2) + "'");
        Map<String, String> row = jdbc.query(
                        "SELECT " + CanonicalRow.selectList("a") + " FROM report_lineage_audit a WHERE a.id = ?",
                        (rs, i) -> CanonicalRow.read(rs),
                        ids.get(2))
                .get(0);
        tamperWith("UPDATE audit_log_leaf SET leaf_hash = ? WHERE seq = 3", CanonicalRow.leafHash(row));
        JsonPath report = assertBroken(AuditVerifier.CHECKPOINT_INCONSISTENT);
        assertThat(report.getLong("break.checkpoint_size")).isEqualTo(6);
    }

    @Test
    void anExportedCheckpointThatIsNotTheLogsIsSignatureInvalid() throws IOException {
        rows(2, TWO_HOURS_AGO);
        checkpoint();
        Files.writeString(exportDir.resolve("00000000000000000009.checkpoint"), "not a checkpoint\n");
        JsonPath report = assertBroken(AuditVerifier.SIGNATURE_INVALID);
        assertThat(report.getString("break.detail")).contains("00000000000000000009.checkpoint");
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsSignatureInvalid() throws SQLException {
        rows(6, TWO_HOURS_AGO);
        checkpoint();
        SignedCheckpoint genuine = SignedCheckpoint.parse(
                jdbc.queryForObject("SELECT note FROM audit_checkpoint WHERE size = 6", String.class));
        KeyPair other = AuditKeys.generate();
        SignedCheckpoint forged =
                AuditKeys.sign(other, genuine.origin(), genuine.size(), genuine.root(), genuine.time());
        tamperWith("UPDATE audit_checkpoint SET note = ?", forged.text());
        JsonPath report = assertBroken(AuditVerifier.SIGNATURE_INVALID);
        assertThat(report.getLong("break.checkpoint_size")).isEqualTo(6);
    }

    /**
     * A rotated signing key: the log's first checkpoint is signed with the key the service had before, in the
     * database and in the file that left the box, the next one with the current key. With both public keys the log
     * verifies (the service holds the old one in lineage.audit.previous-public-keys, the CLI takes --public-key
     * twice); with the current key alone the old checkpoint is named.
     */
    @Test
    void aLogSignedBeforeAndAfterAKeyRotationVerifiesWithBothPublicKeys() throws Exception {
        rows(3, TWO_HOURS_AGO);
        checkpoint();
        SignedCheckpoint first = SignedCheckpoint.parse(
                jdbc.queryForObject("SELECT note FROM audit_checkpoint WHERE size = 3", String.class));
        SignedCheckpoint beforeRotation =
                AuditKeys.sign(BEFORE_ROTATION, first.origin(), first.size(), first.root(), first.time());
        tamperWith("UPDATE audit_checkpoint SET note = ? WHERE size = 3", beforeRotation.text());
        Files.writeString(exportDir.resolve(CheckpointFiles.name(beforeRotation)), beforeRotation.text());
        rows(2, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(10));
        checkpoint();

        JsonPath report = api();
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("verified");
        assertThat(report.getLong("latest_size")).isEqualTo(5);
        assertThat(report.getInt("checkpoints")).isEqualTo(2);
        assertThat(report.getInt("exported_checkpoints")).isEqualTo(2);
        CliRun both = cli(signer.publicKeyPem(), AuditKeys.publicPem(BEFORE_ROTATION.getPublic()));
        assertThat(both.exit()).as(both.out()).isZero();
        assertThat(both.out()).startsWith("verified: 5 rows, 2 checkpoints");

        CliRun currentOnly = cli(signer.publicKeyPem());
        assertThat(currentOnly.exit()).as(currentOnly.out()).isEqualTo(1);
        assertThat(currentOnly.out())
                .startsWith("broken: " + AuditVerifier.SIGNATURE_INVALID)
                .contains("the previous public key is needed too");

        JsonPath key = as(VIEWER_KEY)
                .get("/api/audit/public-key")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(key.getList("previous_keys.public_key"))
                .containsExactly(AuditKeys.publicPem(BEFORE_ROTATION.getPublic()));
        assertThat(key.getList("previous_keys.key_id"))
                .containsExactly(java.util.HexFormat.of()
                        .formatHex(AuditKeys.keyId(first.origin(), BEFORE_ROTATION.getPublic())));
    }

    @Test
    void aDatabaseRolledBackBehindItsExportedCheckpointsIsCaught() throws SQLException {
        rows(4, TWO_HOURS_AGO);
        checkpoint();
        Map<String, Object> head = jdbc.queryForMap("SELECT size, frontier, last_checkpoint_at FROM audit_log_head");
        List<UUID> later = rows(2, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(10));
        checkpoint();
        assertThat(exportDir.resolve("00000000000000000006.checkpoint")).exists();
        // the state of the first checkpoint comes back, as a restored dump would bring it; the files stay
        tamper(
                "DELETE FROM report_lineage_audit WHERE id IN ('" + later.get(0) + "', '" + later.get(1) + "')",
                "DELETE FROM audit_log_leaf WHERE seq > 4",
                "DELETE FROM audit_checkpoint WHERE size > 4");
        tamperWith(
                "UPDATE audit_log_head SET size = ?, frontier = ?, last_checkpoint_at = ?",
                ((Number) head.get("size")).longValue(),
                head.get("frontier"),
                head.get("last_checkpoint_at"));
        JsonPath report = assertBroken(AuditVerifier.ROLLED_BACK);
        assertThat(report.getLong("break.checkpoint_size")).isEqualTo(6);
    }

    /**
     * Rolled back together with its own checkpoints, the database agrees with itself; the checkpointer holds it to
     * the newest checkpoint that left the box instead of signing a fork over it (and replacing that file), both
     * while it runs and when it starts afresh on the rolled-back database.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theCheckpointerSignsNoForkOverACheckpointThatLeftTheBox(CapturedOutput output) throws Exception {
        rows(4, TWO_HOURS_AGO);
        checkpoint();
        Map<String, Object> head = jdbc.queryForMap("SELECT size, frontier, last_checkpoint_at FROM audit_log_head");
        List<UUID> later = rows(3, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(10));
        checkpoint();
        Path exported = exportDir.resolve("00000000000000000007.checkpoint");
        String note = Files.readString(exported);
        tamper(
                "DELETE FROM report_lineage_audit WHERE id IN ('" + later.get(0) + "', '" + later.get(1) + "', '"
                        + later.get(2) + "')",
                "DELETE FROM audit_log_leaf WHERE seq > 4",
                "DELETE FROM audit_checkpoint WHERE size > 4");
        tamperWith(
                "UPDATE audit_log_head SET size = ?, frontier = ?, last_checkpoint_at = ?",
                ((Number) head.get("size")).longValue(),
                head.get("frontier"),
                head.get("last_checkpoint_at"));
        // three new rows would make a checkpoint of size 7 again: another history under the exported file's name
        rows(3, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5));
        AuditCheckpointer restarted =
                new AuditCheckpointer(jdbc, transactionManager, signer, new StoredSubtrees(jdbc), auditLogProperties);
        for (AuditCheckpointer instance : List.of(checkpointer, restarted)) {
            assertThatThrownBy(instance::checkpoint)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fewer than checkpoint 7")
                    .hasMessageContaining(AuditVerifier.ROLLED_BACK);
        }
        assertThat(output.getOut())
                .as("said as an ERROR, not only as the timer's warning")
                .containsPattern("ERROR .*AuditCheckpointer.*fewer than checkpoint 7");
        assertThat(jdbc.queryForObject("SELECT MAX(size) FROM audit_checkpoint", Long.class))
                .isEqualTo(4);
        assertThat(Files.readString(exported)).isEqualTo(note);
        // an instance that exports nowhere signs the fork at that size; the exported checkpoint still stops the rest
        AuditLogProperties exportingNowhere = new AuditLogProperties();
        exportingNowhere.setSettleWindow(auditLogProperties.getSettleWindow());
        new AuditCheckpointer(jdbc, transactionManager, signer, new StoredSubtrees(jdbc), exportingNowhere)
                .checkpoint();
        assertThat(jdbc.queryForObject("SELECT MAX(size) FROM audit_checkpoint", Long.class))
                .isEqualTo(7);
        rows(1, OffsetDateTime.now(ZoneOffset.UTC));
        assertThatThrownBy(restarted::checkpoint)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no checkpoint 7 with the root");
        assertThat(Files.readString(exported)).isEqualTo(note);
    }

    @Test
    void aCheckpointDeletedFromTheDatabaseWhileItsExportedCopyRemainsIsCaught() throws SQLException {
        rows(3, TWO_HOURS_AGO);
        checkpoint();
        rows(2, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(10));
        checkpoint();
        assertThat(exportDir.resolve("00000000000000000003.checkpoint")).exists();
        // the rows and leaves stay; only the smaller checkpoint's row goes: the later one still covers every row
        tamper("DELETE FROM audit_checkpoint WHERE size = 3");
        JsonPath report = assertBroken(AuditVerifier.ROLLED_BACK);
        assertThat(report.getLong("break.checkpoint_size")).isEqualTo(3);
        assertThat(report.getString("break.detail")).contains("holds no checkpoint of that size");
    }

    @Test
    void theCheckpointerSignsNothingFromAHeadThatIsNotItsLastCheckpoint() throws SQLException {
        rows(4, TWO_HOURS_AGO);
        checkpoint();
        tamper("UPDATE audit_log_head SET size = 2, frontier = substring(frontier from 1 for 32)");
        rows(1, OffsetDateTime.now(ZoneOffset.UTC));
        assertTheCheckpointerRefuses("not the state of its last checkpoint (size 4", 1, 4);
        JsonPath report = assertBroken(AuditVerifier.HEAD_INCONSISTENT);
        assertThat(report.getString("break.detail")).contains("head (size 2)");
    }

    /**
     * A head of the right size with another root (one hash of its frontier changed) stops the checkpointer just the
     * same, so rows after it stay uncovered: the verifier says so, rather than "verified" with ever more rows not
     * yet covered.
     */
    @Test
    void aHeadWithAnotherRootIsNamedByTheVerifierAndTheCheckpointer() throws SQLException {
        rows(3, TWO_HOURS_AGO);
        checkpoint();
        tamper("UPDATE audit_log_head SET frontier = decode(md5('x'), 'hex') || decode(md5('y'), 'hex')"
                + " || substring(frontier from 33)");
        rows(1, OffsetDateTime.now(ZoneOffset.UTC));
        assertTheCheckpointerRefuses("(size 3, root ", 1, 3);
        JsonPath report = assertBroken(AuditVerifier.HEAD_INCONSISTENT);
        assertThat(report.getString("break.detail")).contains("head (size 3, another root)");
    }

    /** What the checkpoint list shows beside each signed note (its time, its origin) is held to the note. */
    @Test
    void aCheckpointWhoseTimeWasMovedIsInconsistent() throws SQLException {
        rows(2, TWO_HOURS_AGO);
        checkpoint();
        tamper("UPDATE audit_checkpoint SET created_at = created_at - interval '3 days' WHERE size = 2");
        JsonPath report = assertBroken(AuditVerifier.CHECKPOINT_INCONSISTENT);
        assertThat(report.getString("break.detail")).contains("created_at or origin differs from its signed note");
    }

    @Test
    void aLateCommitWithinTheSettleWindowIsSequencedNotReported() {
        rows(3, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30));
        checkpoint();
        // committed after the checkpoint, dated a minute before it: a read whose transaction was still open
        rows(1, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        checkpoint();
        JsonPath report = api();
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("verified");
        assertThat(report.getLong("latest_size")).isEqualTo(4);
    }

    @Test
    void checkpointersRacingOnSeveralInstancesDoNotForkTheLog() throws Exception {
        rows(200, TWO_HOURS_AGO);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SignedCheckpoint>> ticks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ticks.add(checkpointer::checkpoint);
            }
            List<SignedCheckpoint> made = new ArrayList<>();
            for (Future<SignedCheckpoint> tick : pool.invokeAll(ticks)) {
                if (tick.get() != null) {
                    made.add(tick.get());
                }
            }
            assertThat(made).hasSize(1);
            assertThat(made.get(0).size()).isEqualTo(200);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log_leaf", Long.class))
                .isEqualTo(200);
        assertThat(api().getString("status")).isEqualTo("verified");
    }

    /**
     * Several instances, one log: an instance given another signing key (or another origin) than the one that signed
     * the last checkpoint signs nothing, naming both key ids and the settings to fix, instead of interleaving
     * checkpoints that the log's public key does not verify. A chosen key stops start-up; a key made for the run is
     * an ERROR. A rotated key (the old public key kept as a previous key) signs on.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anInstanceWithAnotherSigningKeySignsNothingAndSaysWhich(CapturedOutput output) {
        rows(3, TWO_HOURS_AGO);
        checkpoint();
        rows(2, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(10));
        KeyPair other = AuditKeys.generate();
        AuditLogProperties chosen = new AuditLogProperties();
        chosen.setSigningKey(AuditKeys.privatePem(other.getPrivate()));
        AuditCheckpointer wrongKey = instanceWith(chosen);
        String otherId = java.util.HexFormat.of().formatHex(AuditKeys.keyId(signer.origin(), other.getPublic()));
        assertThatThrownBy(wrongKey::afterSingletonsInstantiated)
                .isInstanceOf(AuditCheckpointer.SignerMismatch.class)
                .hasMessageContaining("last checkpoint (size 3) is signed with key id " + signer.keyIdHex())
                .hasMessageContaining("key id " + otherId + ", from lineage.audit.signing-key)");
        assertTheInstanceRefuses(wrongKey, "signed with key id " + signer.keyIdHex());
        FailureAnalysis report = new SignerMismatchFailureAnalyzer()
                .analyze(new org.springframework.beans.factory.BeanCreationException(
                        "auditCheckpointer", "failed", catchMismatch(wrongKey)));
        assertThat(report.getDescription()).contains("key id " + otherId).doesNotContain("Give every instance");
        assertThat(report.getAction()).startsWith("Give every instance of this log the same");

        AuditCheckpointer generatedKey = instanceWith(new AuditLogProperties());
        generatedKey.afterSingletonsInstantiated();
        assertThat(output.getOut())
                .as("a key made for the run does not stop start-up, it is said at once")
                .containsPattern("ERROR .*AuditCheckpointer.*generated for this run");
        assertTheInstanceRefuses(generatedKey, "generated for this run");

        AuditLogProperties otherOrigin = new AuditLogProperties();
        otherOrigin.setSigningKeyFile(auditLogProperties.getSigningKeyFile());
        otherOrigin.setOrigin("another-log/audit");
        assertTheInstanceRefuses(instanceWith(otherOrigin), "not of this instance's lineage.audit.origin");

        AuditLogProperties rotated = new AuditLogProperties();
        rotated.setSigningKey(AuditKeys.privatePem(other.getPrivate()));
        rotated.setPreviousPublicKeys(List.of(signer.publicKeyPem()));
        AuditCheckpointer afterRotation = instanceWith(rotated);
        afterRotation.afterSingletonsInstantiated();
        // the rows above and the audit rows of the verifications in between
        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM report_lineage_audit", Long.class);
        assertThat(afterRotation.checkpoint().size()).isEqualTo(rows);
    }

    private AuditCheckpointer instanceWith(AuditLogProperties properties) {
        properties.setSettleWindow(auditLogProperties.getSettleWindow());
        return new AuditCheckpointer(
                jdbc, transactionManager, new AuditSigner(properties), new StoredSubtrees(jdbc), properties);
    }

    private static AuditCheckpointer.SignerMismatch catchMismatch(AuditCheckpointer instance) {
        try {
            instance.afterSingletonsInstantiated();
        } catch (AuditCheckpointer.SignerMismatch mismatch) {
            return mismatch;
        }
        throw new AssertionError("no mismatch");
    }

    /** Another instance's checkpointer signs nothing and sequences nothing; the log stays the one key's. */
    private void assertTheInstanceRefuses(AuditCheckpointer instance, String reason) {
        assertThatThrownBy(instance::checkpoint)
                .isInstanceOf(AuditCheckpointer.SignerMismatch.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("this instance signs no checkpoint")
                .hasMessageContaining("lineage.audit.signing-key-file");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_checkpoint", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log_leaf", Long.class))
                .isEqualTo(3);
        assertThat(api().getString("status")).isEqualTo("verified");
    }

    /** The checkpointer refuses to sign, saying why, and neither sequences a row nor writes a checkpoint. */
    private void assertTheCheckpointerRefuses(String reason, long checkpoints, long leaves) {
        assertThatThrownBy(checkpointer::checkpoint)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(reason);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_checkpoint", Long.class))
                .isEqualTo(checkpoints);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log_leaf", Long.class))
                .isEqualTo(leaves);
    }
}
