package com.leadfactory.lineage.hold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.h2.api.Trigger;

/**
 * H2's side of report_lineage_deleted_report (PostgreSQL's is PL/pgSQL): a deleted record whose report generation
 * stays is listed in lineage_deleted_report, with the cause the session declared ({@code SET @lineage_cause}) or
 * 'direct', unless retention purged it. Every H2 database stores this class's name in its schema: never rename or
 * move it.
 */
public class DeletedReportTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String cause = DeletingSession.of(connection).cause();
        if ("retention".equals(cause)) {
            return;
        }
        try (PreparedStatement list = connection.prepareStatement(
                "MERGE INTO lineage_deleted_report (report_generation_id, lineage_id, deleted_at, cause)"
                        + " KEY (report_generation_id)"
                        + " SELECT id, ?, ?, ? FROM d6_report_generations WHERE id = ?")) {
            list.setObject(1, oldRow[0]);
            list.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            list.setString(3, cause == null ? "direct" : cause);
            list.setObject(4, oldRow[1]);
            list.executeUpdate();
        }
    }
}
