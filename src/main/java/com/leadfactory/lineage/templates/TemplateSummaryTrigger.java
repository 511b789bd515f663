package com.leadfactory.lineage.templates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.h2.api.Trigger;

/**
 * H2's side of the triggers report_lineage_template_summary_added and _removed (PostgreSQL has PL/pgSQL statement
 * triggers doing the same):
 * keeps report_template_summary's count and first/last capture time right on every insert and delete of
 * report_lineage. Every H2 database stores this class's name in its schema: never rename or move it
 * (src/main/resources/db/migration/README.md).
 */
public class TemplateSummaryTrigger implements Trigger {

    private int templateColumn = -1;
    private int createdAtColumn = -1;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        try (PreparedStatement columns = connection.prepareStatement("SELECT COLUMN_NAME, ORDINAL_POSITION"
                + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            columns.setString(1, schema);
            columns.setString(2, table);
            try (ResultSet rs = columns.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if ("TEMPLATE_VERSION_ID".equalsIgnoreCase(name)) {
                        templateColumn = rs.getInt(2) - 1;
                    } else if ("CREATED_AT".equalsIgnoreCase(name)) {
                        createdAtColumn = rs.getInt(2) - 1;
                    }
                }
            }
        }
        if (templateColumn < 0 || createdAtColumn < 0) {
            throw new SQLException(table + " lacks template_version_id or created_at");
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null) {
            inserted(connection, (String) newRow[templateColumn], newRow[createdAtColumn]);
        }
        if (oldRow != null) {
            deleted(connection, (String) oldRow[templateColumn], oldRow[createdAtColumn]);
        }
    }

    private static void inserted(Connection connection, String template, Object createdAt) throws SQLException {
        String update = "UPDATE report_template_summary SET report_count = report_count + 1,"
                + " first_captured_at = LEAST(first_captured_at, ?), last_captured_at = GREATEST(last_captured_at, ?)"
                + " WHERE template_version_id = ?";
        if (run(connection, update, createdAt, createdAt, template) > 0) {
            return;
        }
        // a concurrent first capture of the same template inserts first: then ours is an update after all
        if (run(
                        connection,
                        "INSERT INTO report_template_summary (template_version_id, report_count, first_captured_at,"
                                + " last_captured_at) VALUES (?, 1, ?, ?) ON CONFLICT DO NOTHING",
                        template,
                        createdAt,
                        createdAt)
                == 0) {
            run(connection, update, createdAt, createdAt, template);
        }
    }

    private static void deleted(Connection connection, String template, Object createdAt) throws SQLException {
        run(
                connection,
                "UPDATE report_template_summary SET report_count = report_count - 1 WHERE template_version_id = ?",
                template);
        run(
                connection,
                "DELETE FROM report_template_summary WHERE template_version_id = ? AND report_count <= 0",
                template);
        run(
                connection,
                "UPDATE report_template_summary SET"
                        + " first_captured_at = (SELECT MIN(created_at) FROM report_lineage WHERE template_version_id = ?),"
                        + " last_captured_at = (SELECT MAX(created_at) FROM report_lineage WHERE template_version_id = ?)"
                        + " WHERE template_version_id = ? AND (first_captured_at = ? OR last_captured_at = ?)",
                template,
                template,
                template,
                createdAt,
                createdAt);
    }

    private static int run(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                statement.setObject(i + 1, value instanceof OffsetDateTime time ? time : value);
            }
            return statement.executeUpdate();
        }
    }
}
