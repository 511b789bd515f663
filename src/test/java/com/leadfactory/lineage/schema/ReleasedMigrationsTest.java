package com.leadfactory.lineage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.LineagePanelApplication;
import com.leadfactory.lineage.support.TestDatabases;
import com.leadfactory.lineage.support.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Databases made by earlier versions must keep starting: a released migration is never edited (Flyway would
 * refuse the changed checksum at start-up), and a database at the last released version takes the new ones.
 */
class ReleasedMigrationsTest {

    /** Checksums Flyway recorded for the released migrations in databases made by version 0.1.0. */
    static final Map<String, Integer> RELEASED_POSTGRESQL =
            Map.of("1", 1657881568, "2", -1730447000, "3", -2031407930, "4", 1931551231, "5", -418795074);

    static final Map<String, Integer> RELEASED_H2 =
            Map.of("1", 1657881568, "2", 439091923, "3", -1877839653, "4", 1931551231, "5", 613984836);

    @Test
    void releasedMigrationsKeepTheirChecksumsOnBothDatabases() {
        assertThat(checksums(TestDatabases.h2Memory("lineage_released_checksums"), "sa", DatabaseVendor.H2))
                .isEqualTo(new TreeMap<>(RELEASED_H2));
        assertThat(checksums(
                        TestDatabases.freshPostgres("lineage_released_checksums"),
                        "postgres",
                        DatabaseVendor.POSTGRESQL))
                .isEqualTo(new TreeMap<>(RELEASED_POSTGRESQL));
    }

    @Test
    void aPostgresqlDatabaseAtTheLastReleaseTakesTheNewMigrations() {
        String url = TestDatabases.freshPostgres("lineage_released_upgrade");
        TestFlyway.released(url, "postgres", DatabaseVendor.POSTGRESQL).migrate();

        Flyway current = TestFlyway.current(url, "postgres", DatabaseVendor.POSTGRESQL);
        current.validateWithResult(); // pending migrations only, no checksum mismatch
        assertThat(current.migrate().success).isTrue();
        assertThat(current.info().pending()).isEmpty();
    }

    /** The zero-setup case: an H2 file under ./data made by the released version, then the new version started. */
    @Test
    void anH2FileMadeByTheLastReleaseStartsTheNewVersion() throws IOException {
        Path data = Path.of("target", "released-h2-data");
        TestFiles.deleteRecursively(data);
        String url =
                "jdbc:h2:file:./" + data + "/lineage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        TestFlyway.released(url, "sa", DatabaseVendor.H2).migrate();

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LineagePanelApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=sa",
                        "--lineage.reconcile.enabled=false")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version > ?",
                            Integer.class,
                            TestFlyway.LAST_RELEASED))
                    .as("the new migrations ran on the released database")
                    .isPositive();
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM report_lineage WHERE capture_source = 'demo'", Integer.class))
                    .as("the service started and captured its demo data through the routes")
                    .isEqualTo(6);
            jdbc.update(
                    "INSERT INTO report_lineage_audit (id, action, user_id, outcome) VALUES (?, 'test', 'test', 'ok')",
                    java.util.UUID.randomUUID());
            assertThatThrownBy(() -> jdbc.update("DELETE FROM report_lineage_audit"))
                    .as("the audit trail is still append-only")
                    .hasStackTraceContaining("append-only");
            assertThat(jdbc.queryForList("SELECT DISTINCT trigger_name FROM information_schema.triggers", String.class))
                    .containsExactlyInAnyOrder(
                            "report_lineage_audit_no_update_delete",
                            "report_lineage_refuse_held_delete",
                            "report_lineage_deletion_evidence",
                            "report_lineage_deleted_report",
                            "report_lineage_template_summary_added",
                            "report_lineage_template_summary_removed",
                            "report_lineage_immutable",
                            "lineage_legal_hold_immutable",
                            "lineage_legal_hold_deletion_evidence");
            assertThat(jdbc.queryForObject("SELECT SUM(report_count) FROM report_template_summary", Integer.class))
                    .as("V11 counted the records the last release made, and the trigger those captured since")
                    .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM report_lineage", Integer.class));
        }
    }

    private static Map<String, Integer> checksums(String url, String user, DatabaseVendor vendor) {
        Map<String, Integer> checksums = new TreeMap<>();
        for (MigrationInfo migration :
                TestFlyway.current(url, user, vendor).info().all()) {
            if (migration.getVersion().compareTo(MigrationVersion.fromVersion(TestFlyway.LAST_RELEASED)) <= 0) {
                checksums.put(migration.getVersion().getVersion(), migration.getChecksum());
            }
        }
        return checksums;
    }
}
