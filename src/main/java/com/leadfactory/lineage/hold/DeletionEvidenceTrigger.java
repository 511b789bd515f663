package com.leadfactory.lineage.hold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.api.Trigger;

/**
 * H2's side of report_lineage_deletion_evidence (PostgreSQL's is PL/pgSQL): one audit row per deleted record, in
 * the deleting transaction, with the database user, the application name the session declared
 * ({@code SET @application_name}) and the cause ({@code SET @lineage_cause}, else cascade or direct). Every H2
 * database stores this class's name in its schema: never rename or move it.
 */
public class DeletionEvidenceTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        DeletingSession session = DeletingSession.of(connection);
        String cause = session.cause();
        if (cause == null) {
            cause = reportGenerationExists(connection, oldRow[1]) ? "direct" : "cascade";
        }
        Map<String, Object> deleted = new LinkedHashMap<>();
        deleted.put("report_generation_id", String.valueOf(oldRow[1]));
        deleted.put("lead_id", String.valueOf(oldRow[2]));
        deleted.put("pipeline_run_id", String.valueOf(oldRow[3]));
        deleted.put("template_version_id", oldRow[4]);
        session.record(connection, "lineage_deleted", oldRow[0], deleted, cause);
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
}
