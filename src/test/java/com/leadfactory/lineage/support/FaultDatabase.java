package com.leadfactory.lineage.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.schema.DatabaseVendor;
import com.leadfactory.lineage.schema.MigrationPlaceholders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL database of a fault test's own, seen from outside the service: report generation rows to point
 * completions at, and what was captured.
 */
public final class FaultDatabase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String url;

    private FaultDatabase(String url) {
        this.url = url;
    }

    /** Drops and recreates the database (suffixed with LINEAGE_TEST_DB_SUFFIX). */
    public static FaultDatabase fresh(String baseName) {
        return new FaultDatabase(TestDatabases.freshPostgres(baseName));
    }

    public String url() {
        return url;
    }

    public String name() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    public Map<String, String> serviceProperties() {
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "");
    }

    /** The service's own migrations, so rows can be written before it first starts. */
    public FaultDatabase migrate() {
        MigrationPlaceholders.apply(
                        Flyway.configure()
                                .dataSource(url, "postgres", "")
                                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql"),
                        DatabaseVendor.POSTGRESQL)
                .load()
                .migrate();
        return this;
    }

    /** One committed report generation and the completion message that refers to it. */
    public record Report(UUID id, String json) {}

    /** Commits {@code count} report generation rows with the given template and returns their completions. */
    public List<Report> reports(String template, int count) {
        List<Report> reports = new ArrayList<>();
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
                insert.setString(4, template);
                insert.setObject(5, finished.minusSeconds(30));
                insert.setObject(6, finished);
                insert.addBatch();
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("report_generation_id", report.toString());
                message.put("lead_id", lead.toString());
                message.put("pipeline_run_id", run.toString());
                message.put("template_version_id", template);
                message.put("pipeline_started_at", finished.minusSeconds(30).toString());
                message.put("pipeline_finished_at", finished.toString());
                message.put("inputs", Map.of("seq", seq));
                reports.add(new Report(report, MAPPER.writeValueAsString(message)));
            }
            insert.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return reports;
    }

    /** Report generation ids that have a lineage row, among those with the template. */
    public Set<UUID> captured(String template) {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT report_generation_id FROM report_lineage WHERE template_version_id = ?")) {
            select.setString(1, template);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    public long count(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }
}
