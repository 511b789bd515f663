package com.leadfactory.lineage.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.auditlog.AuditKeys;
import com.leadfactory.lineage.auditlog.AuditVerifier;
import com.leadfactory.lineage.auditlog.VerificationReport;
import com.leadfactory.lineage.schema.DatabaseVendor;
import com.leadfactory.lineage.schema.MigrationPlaceholders;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.PostgresApiTestBase;
import com.leadfactory.lineage.support.ServiceProcess;
import com.leadfactory.lineage.support.TestDatabases;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * README's backup procedure, end to end: a populated PostgreSQL database is dumped with pg_dump (custom format),
 * restored with pg_restore into a fresh database, and a service started on the copy serves the same records,
 * the same audit trails, the same legal hold, and byte-identical raw-input downloads.
 */
class BackupRestorePostgresTest extends PostgresApiTestBase {

    private static final String PURPOSE = "backup restore drill";

    /** README "Backup and restore": the tables of the tables-only dump. */
    static final List<String> TABLES_ONLY = List.of(
            "report_lineage",
            "report_lineage_audit",
            "lineage_legal_hold",
            "lineage_deleted_report",
            "openlineage_outbox",
            "report_template_summary",
            "audit_log_leaf",
            "audit_log_head",
            "audit_checkpoint",
            "flyway_schema_history");

    @Autowired
    ProducerTemplate producer;

    @Test
    void aRestoredDumpServesTheSameRecordsTrailsAndDownloads() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3);
            Map<String, Object> message = source.withTemplate(
                    source.report(UUID.randomUUID(), finished.minusSeconds(20), finished), "tpl@backup");
            records.add(postCompletion(message));
        }
        Map<String, byte[]> downloads = new LinkedHashMap<>();
        Map<String, List<String>> trails = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            String id = (String) record.get("lineage_id");
            as(VIEWER_KEY)
                    .get("/api/lineage/" + record.get("report_generation_id"))
                    .then()
                    .statusCode(200);
            downloads.put(id, download(port, id));
            trails.put(
                    id,
                    jdbc
                            .queryForList(
                                    "SELECT id FROM report_lineage_audit WHERE lineage_id = ? ORDER BY accessed_at"
                                            + " DESC, id DESC",
                                    UUID.class,
                                    UUID.fromString(id))
                            .stream()
                            .map(UUID::toString)
                            .toList());
        }
        String heldId = (String) records.get(0).get("lineage_id");
        as(ADMIN_KEY)
                .contentType("application/json")
                .body("{\"reason\": \"kept across the restore\"}")
                .put("/api/lineage/" + heldId + "/hold")
                .then()
                .statusCode(201);
        trails.put(
                heldId,
                jdbc
                        .queryForList(
                                "SELECT id FROM report_lineage_audit WHERE lineage_id = ? ORDER BY accessed_at DESC,"
                                        + " id DESC",
                                UUID.class,
                                UUID.fromString(heldId))
                        .stream()
                        .map(UUID::toString)
                        .toList());

        producer.sendBody("direct:audit-checkpoint", null);
        String source = jdbc.queryForObject("SELECT current_database()", String.class);
        Path dump = Files.createTempFile("lineage-backup", ".dump");
        String restoredUrl = TestDatabases.freshPostgres("lineage_restored");
        String restored = restoredUrl.substring(restoredUrl.lastIndexOf('/') + 1);
        try {
            run(
                    "/usr/bin/pg_dump",
                    "-h",
                    host(),
                    "-p",
                    pgPort(),
                    "-U",
                    "postgres",
                    "-Fc",
                    "-f",
                    dump.toString(),
                    source);
            run(
                    "/usr/bin/pg_restore",
                    "-h",
                    host(),
                    "-p",
                    pgPort(),
                    "-U",
                    "postgres",
                    "--no-owner",
                    "--exit-on-error",
                    "-d",
                    restored,
                    dump.toString());

            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("spring.datasource.url", restoredUrl);
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            properties.put("lineage.demo.enabled", "false");
            properties.put("lineage.reconcile.enabled", "false");
            properties.put("lineage.security.clients[0].name", "restore-auditor");
            properties.put("lineage.security.clients[0].api-key", AUDITOR_KEY);
            properties.put("lineage.security.clients[0].roles", "auditor");
            try (ServiceProcess copy = new ServiceProcess("backup-restore", properties).start()) {
                copy.awaitStarted(Duration.ofMinutes(3));
                int copyPort = copy.port();
                Await.until(
                        "the restored service answers",
                        Duration.ofMinutes(1),
                        () -> RestAssured.given()
                                        .port(copyPort)
                                        .header("X-API-Key", AUDITOR_KEY)
                                        .get("/api/me")
                                        .statusCode()
                                == 200);
                for (Map<String, Object> record : records) {
                    String id = (String) record.get("lineage_id");
                    JsonPath summary = RestAssured.given()
                            .port(copyPort)
                            .header("X-API-Key", AUDITOR_KEY)
                            .get("/api/lineage/" + record.get("report_generation_id"))
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    for (String field : List.of(
                            "lineage_id",
                            "lead_id",
                            "pipeline_run_id",
                            "template_version_id",
                            "pipeline_started_at",
                            "pipeline_finished_at",
                            "raw_inputs_sha256",
                            "raw_inputs_size_bytes",
                            "created_at")) {
                        assertThat((Object) summary.get(field)).as(field).isEqualTo(record.get(field));
                    }
                    assertThat(summary.getBoolean("legal_hold")).isEqualTo(id.equals(heldId));
                    List<String> trail = RestAssured.given()
                            .port(copyPort)
                            .header("X-API-Key", AUDITOR_KEY)
                            .queryParam("limit", 200)
                            .get("/api/lineage/" + id + "/audit")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("items.id", String.class);
                    // the copy's own lookup comes first (newest first); the rest is the trail as dumped
                    assertThat(trail.subList(1, trail.size())).isEqualTo(trails.get(id));
                    assertThat(download(copyPort, id))
                            .as("the download of %s is byte-identical", id)
                            .isEqualTo(downloads.get(id));
                }
            }
            tablesOnlyRestoreVerifiesAgainstTheExportedCheckpoints(source, dump);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /**
     * README's tables-only variant: the listed tables dumped, restored data-only (triggers off, as a superuser) into
     * a database the same version migrated, after emptying its log head; the copy has the same tables' contents and
     * its audit log verifies against the checkpoints exported before the dump.
     */
    private void tablesOnlyRestoreVerifiesAgainstTheExportedCheckpoints(String source, Path dump) throws Exception {
        List<AuditVerifier.ExportedCheckpoint> exported = jdbc.query(
                "SELECT size, note FROM audit_checkpoint ORDER BY size",
                (rs, i) -> new AuditVerifier.ExportedCheckpoint("size " + rs.getLong(1), rs.getString(2)));
        assertThat(exported).as("the source has signed checkpoints").isNotEmpty();
        long exportedSize = jdbc.queryForObject("SELECT MAX(size) FROM audit_checkpoint", Long.class);
        String copyUrl = TestDatabases.freshPostgres("lineage_restored_tables");
        String copy = copyUrl.substring(copyUrl.lastIndexOf('/') + 1);
        MigrationPlaceholders.apply(
                        Flyway.configure()
                                .dataSource(copyUrl, "postgres", "")
                                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql"),
                        DatabaseVendor.POSTGRESQL)
                .load()
                .migrate();
        List<String> dumpCommand = new ArrayList<>(List.of(
                "/usr/bin/pg_dump", "-h", host(), "-p", pgPort(), "-U", "postgres", "-Fc", "-f", dump.toString()));
        List<String> restoreCommand = new ArrayList<>(List.of(
                "/usr/bin/pg_restore",
                "-h",
                host(),
                "-p",
                pgPort(),
                "-U",
                "postgres",
                "--data-only",
                "--disable-triggers",
                "--exit-on-error",
                "-d",
                copy));
        for (String table : TABLES_ONLY) {
            dumpCommand.addAll(List.of("-t", table));
            if (!table.equals("flyway_schema_history")) {
                restoreCommand.addAll(List.of("-t", table));
            }
        }
        dumpCommand.add(source);
        restoreCommand.add(dump.toString());
        run(dumpCommand.toArray(String[]::new));
        JdbcTemplate copyJdbc = new JdbcTemplate(new DriverManagerDataSource(copyUrl, "postgres", ""));
        copyJdbc.update("DELETE FROM audit_log_head");
        run(restoreCommand.toArray(String[]::new));

        // the source's log keeps growing (its checkpointer runs on): the audit tables are judged by verification
        for (String table :
                List.of("report_lineage", "lineage_legal_hold", "openlineage_outbox", "report_template_summary")) {
            String digest = "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table + " t";
            assertThat(copyJdbc.queryForObject(digest, String.class))
                    .as(table)
                    .isEqualTo(jdbc.queryForObject(digest, String.class));
        }
        PublicKey key = AuditKeys.fromPrivatePem(Files.readString(Path.of(SIGNING_KEY_FILE)))
                .getPublic();
        try (Connection connection = DriverManager.getConnection(copyUrl, "postgres", "")) {
            VerificationReport report =
                    new AuditVerifier(key, Duration.ofMinutes(5)).verify(connection, exported, null, null);
            assertThat(report.verified()).as(report.message()).isTrue();
            assertThat(copyJdbc.queryForObject("SELECT COUNT(*) FROM audit_log_leaf", Long.class))
                    .as("the copy's log holds every leaf the exported checkpoints sign")
                    .isGreaterThanOrEqualTo(exportedSize);
        }
    }

    private byte[] download(int port, String lineageId) {
        return RestAssured.given()
                .port(port)
                .header("X-API-Key", AUDITOR_KEY)
                .header("X-Access-Purpose", PURPOSE)
                .get("/api/lineage/" + lineageId + "/download")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    private static String host() {
        return TestDatabases.POSTGRES_HOST.split(":")[0];
    }

    private static String pgPort() {
        String[] parts = TestDatabases.POSTGRES_HOST.split(":");
        return parts.length > 1 ? parts[1] : "5432";
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command[0], output).isZero();
    }
}
