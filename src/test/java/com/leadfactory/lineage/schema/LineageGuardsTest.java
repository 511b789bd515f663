package com.leadfactory.lineage.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database's own guards of the legal hold and the deletion evidence (V9, V16), with plain SQL as any session
 * of the table's owner could send it: no path around a hold, no deletion without an audit row written by the
 * database. TRUNCATE runs on PostgreSQL only (H2 fires no trigger on TRUNCATE).
 */
class LineageGuardsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String APPLICATION = "lineage-guards-test";

    private record Db(JdbcTemplate jdbc, SingleConnectionDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.destroy();
        }
    }

    private static Db migrated(DatabaseVendor vendor, String name) throws SQLException {
        boolean postgres = vendor == DatabaseVendor.POSTGRESQL;
        String url = postgres
                ? TestDatabases.freshPostgres(name) + "?ApplicationName=" + APPLICATION
                : TestDatabases.h2Memory(name + "_" + UUID.randomUUID());
        String user = postgres ? "postgres" : "sa";
        TestFlyway.current(url, user, vendor).migrate();
        Connection connection = DriverManager.getConnection(url, user, "");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        if (!postgres) {
            jdbc.execute("SET @application_name = '" + APPLICATION + "'");
        }
        return new Db(jdbc, dataSource);
    }

    /** A report generation and its lineage row; returns the lineage id. */
    private static UUID record(JdbcTemplate jdbc, UUID lead) {
        UUID report = UUID.randomUUID();
        UUID lineage = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO d6_report_generations (id, lead_id, status) VALUES (?, ?, 'completed')", report, lead);
        jdbc.update(
                "INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id, template_version_id,"
                        + " pipeline_start_time, pipeline_end_time, raw_inputs_sha256, created_at)"
                        + " VALUES (?, ?, ?, ?, 'tpl@guards', ?, ?, ?, ?)",
                lineage,
                report,
                lead,
                UUID.randomUUID(),
                now.minusSeconds(5),
                now,
                "a".repeat(64),
                now);
        return lineage;
    }

    private static void holdRecord(JdbcTemplate jdbc, UUID lineage) {
        jdbc.update(
                "INSERT INTO lineage_legal_hold (id, lineage_id, reason, placed_by, placed_at)"
                        + " VALUES (?, ?, 'case 1', 'test-admin', CURRENT_TIMESTAMP)",
                UUID.randomUUID(),
                lineage);
    }

    private static UUID holdLead(JdbcTemplate jdbc, UUID lead) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO lineage_legal_hold (id, lead_id, reason, placed_by, placed_at)"
                        + " VALUES (?, ?, 'regulator inquiry 7', 'test-admin', CURRENT_TIMESTAMP)",
                id,
                lead);
        return id;
    }

    private static int count(JdbcTemplate jdbc, String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    private static List<JsonNode> evidence(JdbcTemplate jdbc, String action) {
        return jdbc
                .queryForList(
                        "SELECT details FROM report_lineage_audit WHERE action = ? ORDER BY accessed_at, id",
                        String.class,
                        action)
                .stream()
                .map(LineageGuardsTest::json)
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void truncateIsRefusedWhileARecordIsHeldByRecordOrByLead() throws SQLException {
        try (Db db = migrated(DatabaseVendor.POSTGRESQL, "lineage_guards_truncate_held")) {
            JdbcTemplate jdbc = db.jdbc();
            UUID heldLead = UUID.randomUUID();
            UUID heldRecord = record(jdbc, UUID.randomUUID());
            UUID byLead = record(jdbc, heldLead);
            record(jdbc, UUID.randomUUID());
            holdRecord(jdbc, heldRecord);

            for (String truncate : List.of(
                    "TRUNCATE report_lineage CASCADE",
                    "TRUNCATE report_lineage, openlineage_outbox",
                    "TRUNCATE d6_report_generations CASCADE")) {
                assertThatThrownBy(() -> jdbc.execute(truncate))
                        .as(truncate)
                        .isInstanceOf(DataAccessException.class)
                        .hasStackTraceContaining("lineage " + heldRecord + " (and maybe more) is under legal hold")
                        .hasStackTraceContaining("TRUNCATE of report_lineage is refused");
            }
            // the lead's hold alone refuses it too
            jdbc.update("DELETE FROM lineage_legal_hold WHERE lineage_id = ?", heldRecord);
            holdLead(jdbc, heldLead);
            assertThatThrownBy(() -> jdbc.execute("TRUNCATE d6_report_generations CASCADE"))
                    .hasStackTraceContaining("lineage " + byLead + " (and maybe more) is under legal hold");

            assertThat(count(jdbc, "SELECT COUNT(*) FROM report_lineage")).isEqualTo(3);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM d6_report_generations"))
                    .isEqualTo(3);
            assertThat(evidence(jdbc, "lineage_deleted")).isEmpty();
        }
    }

    @Test
    void truncateWithoutHoldsLeavesOneEvidenceRowPerRecordEvenWhenCascaded() throws SQLException {
        try (Db db = migrated(DatabaseVendor.POSTGRESQL, "lineage_guards_truncate_free")) {
            JdbcTemplate jdbc = db.jdbc();
            UUID lead = UUID.randomUUID();
            List<UUID> records = List.of(record(jdbc, lead), record(jdbc, lead), record(jdbc, UUID.randomUUID()));
            assertThat(count(jdbc, "SELECT report_count FROM report_template_summary"))
                    .isEqualTo(3);

            // the cascade from the pipeline's table reaches report_lineage and fires its TRUNCATE trigger
            jdbc.execute("TRUNCATE d6_report_generations CASCADE");

            assertThat(count(jdbc, "SELECT COUNT(*) FROM report_lineage")).isZero();
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT lineage_id, user_id, details FROM report_lineage_audit WHERE action = 'lineage_deleted'");
            assertThat(rows).extracting(r -> r.get("lineage_id")).containsExactlyInAnyOrderElementsOf(records);
            assertThat(rows).extracting(r -> r.get("user_id")).containsOnly("db:postgres");
            for (JsonNode details : evidence(jdbc, "lineage_deleted")) {
                assertThat(details.get("cause").asText()).isEqualTo("truncate");
                assertThat(details.get("template_version_id").asText()).isEqualTo("tpl@guards");
                assertThat(details.get("db_user").asText()).isEqualTo("postgres");
                assertThat(details.get("application_name").asText()).isEqualTo(APPLICATION);
                assertThat(details.get("report_generation_id").asText()).isNotBlank();
                assertThat(details.get("pipeline_run_id").asText()).isNotBlank();
            }
            assertThat(evidence(jdbc, "lineage_deleted"))
                    .extracting(d -> d.get("lead_id").asText())
                    .filteredOn(lead.toString()::equals)
                    .hasSize(2);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM report_template_summary"))
                    .as("the template summary follows the truncate")
                    .isZero();

            // and directly
            UUID again = record(jdbc, UUID.randomUUID());
            jdbc.execute("TRUNCATE report_lineage CASCADE");
            assertThat(count(
                            jdbc,
                            "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'lineage_deleted'"
                                    + " AND lineage_id = ?",
                            again))
                    .isEqualTo(1);
        }
    }

    @Test
    void truncatingTheHoldsLeavesOneEvidenceRowPerHold() throws SQLException {
        try (Db db = migrated(DatabaseVendor.POSTGRESQL, "lineage_guards_truncate_holds")) {
            JdbcTemplate jdbc = db.jdbc();
            UUID record = record(jdbc, UUID.randomUUID());
            holdRecord(jdbc, record);
            UUID leadHold = holdLead(jdbc, UUID.randomUUID());

            jdbc.execute("TRUNCATE lineage_legal_hold");

            List<JsonNode> deleted = evidence(jdbc, "hold_deleted");
            assertThat(deleted)
                    .hasSize(2)
                    .allSatisfy(d -> assertThat(d.get("cause").asText()).isEqualTo("truncate"));
            assertThat(deleted).extracting(d -> d.get("hold_id").asText()).contains(leadHold.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseVendor.class)
    void aRecordsContentCannotBeUpdatedOnlyItsAccessCounters(DatabaseVendor vendor) throws SQLException {
        try (Db db = migrated(vendor, "lineage_guards_update")) {
            JdbcTemplate jdbc = db.jdbc();
            UUID lead = UUID.randomUUID();
            UUID record = record(jdbc, lead);
            holdLead(jdbc, lead);

            // the probe's bypass: move the record off its held lead, then delete it
            assertThatThrownBy(() -> jdbc.update(
                            "UPDATE report_lineage SET lead_id = ? WHERE id = ?", UUID.randomUUID(), record))
                    .isInstanceOf(DataAccessException.class)
                    .hasStackTraceContaining("report_lineage.lead_id of lineage " + record + " cannot be changed");
            for (String change : List.of(
                    "id = '" + UUID.randomUUID() + "'",
                    "pipeline_run_id = '" + UUID.randomUUID() + "'",
                    "template_version_id = 'tpl@other'",
                    "raw_inputs_sha256 = '" + "b".repeat(64) + "'",
                    "pdf_sha256 = '" + "c".repeat(64) + "'",
                    "truncated = TRUE",
                    "message_digests = '{}'",
                    "created_at = created_at - INTERVAL '40' DAY")) {
                String column = change.substring(0, change.indexOf(' '));
                assertThatThrownBy(() -> jdbc.update("UPDATE report_lineage SET " + change + " WHERE id = ?", record))
                        .as(change)
                        .hasStackTraceContaining("report_lineage." + column + " of lineage");
            }
            assertThat(jdbc.update(
                            "UPDATE report_lineage SET access_count = access_count + 1,"
                                    + " last_accessed_at = CURRENT_TIMESTAMP WHERE id = ?",
                            record))
                    .as("reads count themselves")
                    .isEqualTo(1);
            assertThat(jdbc.update("UPDATE report_lineage SET lead_id = lead_id WHERE id = ?", record))
                    .as("a column set to its own value changes nothing")
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT lead_id FROM report_lineage WHERE id = ?", UUID.class, record))
                    .isEqualTo(lead);
            assertThatThrownBy(() -> jdbc.update("DELETE FROM report_lineage WHERE id = ?", record))
                    .hasStackTraceContaining("legal hold");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseVendor.class)
    void deletingAHoldLeavesEvidenceAndAHoldCannotBeMoved(DatabaseVendor vendor) throws SQLException {
        try (Db db = migrated(vendor, "lineage_guards_hold")) {
            JdbcTemplate jdbc = db.jdbc();
            UUID lead = UUID.randomUUID();
            UUID record = record(jdbc, lead);
            UUID hold = holdLead(jdbc, lead);

            assertThatThrownBy(() -> jdbc.update(
                            "UPDATE lineage_legal_hold SET lead_id = ? WHERE id = ?", UUID.randomUUID(), hold))
                    .isInstanceOf(DataAccessException.class)
                    .hasStackTraceContaining("legal hold " + hold + " cannot be changed");

            assertThat(jdbc.update("DELETE FROM lineage_legal_hold WHERE lead_id = ?", lead))
                    .isEqualTo(1);
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT lineage_id, user_id, outcome, details FROM report_lineage_audit WHERE action = 'hold_deleted'");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("lineage_id"))
                    .as("a lead's hold names no record")
                    .isNull();
            assertThat((String) rows.get(0).get("user_id")).startsWithIgnoringCase("db:");
            assertThat(rows.get(0).get("outcome")).isEqualTo("ok");
            JsonNode details = json((String) rows.get(0).get("details"));
            assertThat(details.get("hold_id").asText()).isEqualTo(hold.toString());
            assertThat(details.get("scope").asText()).isEqualTo("lead");
            assertThat(details.get("lead_id").asText()).isEqualTo(lead.toString());
            assertThat(details.get("lineage_id").isNull()).isTrue();
            assertThat(details.get("reason").asText()).isEqualTo("regulator inquiry 7");
            assertThat(details.get("placed_by").asText()).isEqualTo("test-admin");
            assertThat(details.get("placed_at").asText()).isNotBlank();
            assertThat(details.get("db_user").asText()).isNotBlank();
            assertThat(details.get("application_name").asText()).isEqualTo(APPLICATION);
            assertThat(details.get("cause").asText()).isEqualTo("direct");

            // a record's own hold names it
            holdRecord(jdbc, record);
            jdbc.update("DELETE FROM lineage_legal_hold WHERE lineage_id = ?", record);
            assertThat(count(
                            jdbc,
                            "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'hold_deleted'"
                                    + " AND lineage_id = ?",
                            record))
                    .isEqualTo(1);
        }
    }
}
