package com.leadfactory.lineage.hold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.h2.api.Trigger;

/**
 * H2's side of report_lineage_deletion_evidence (PostgreSQL's is PL/pgSQL): one audit row per deleted record, in
 * the deleting transaction, with the database user, the application name the session declared
 * ({@code SET @application_name}) and the cause ({@code SET @lineage_cause}, else cascade or direct). Every H2
 * database stores this class's name in its schema: never rename or move it.
 */
public class DeletionEvidenceTrigger implements Trigger {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        DeletingSession session = DeletingSession.of(connection);
        String user = session.user();
        String applicationName = session.applicationName();
        String cause = session.cause();
        if (cause == null) {
            cause = reportGenerationExists(connection, oldRow[1]) ? "direct" : "cascade";
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report_generation_id", String.valueOf(oldRow[1]));
        details.put("lead_id", String.valueOf(oldRow[2]));
        details.put("pipeline_run_id", String.valueOf(oldRow[3]));
        details.put("template_version_id", oldRow[4]);
        details.put("db_user", user);
        details.put("application_name", applicationName);
        details.put("cause", cause);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)"
                        + " VALUES (?, ?, 'lineage_deleted', ?, CURRENT_TIMESTAMP, 'ok', ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, oldRow[0]);
            insert.setString(3, "db:" + user);
            insert.setString(4, json(details));
            insert.executeUpdate();
        }
    }

    private static boolean reportGenerationExists(Connection connection, Object reportGenerationId)
            throws SQLException {
        try (PreparedStatement exists =
                connection.prepareStatement("SELECT 1 FROM d6_report_generations WHERE id = ?")) {
            exists.setObject(1, reportGenerationId);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String json(Map<String, Object> details) throws SQLException {
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write the deletion evidence", e);
        }
    }
}
