package com.leadfactory.lineage.hold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's side of report_lineage_refuse_held_delete (PostgreSQL's is PL/pgSQL): deleting a record under legal hold
 * (its own or its lead's) fails, whatever the path. Every H2 database stores this class's name in its schema:
 * never rename or move it (src/main/resources/db/migration/README.md).
 */
public class RefuseHeldDeleteTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement held =
                connection.prepareStatement("SELECT 1 FROM lineage_legal_hold WHERE lineage_id = ? OR lead_id = ?")) {
            held.setObject(1, oldRow[0]);
            held.setObject(2, oldRow[2]);
            try (ResultSet rs = held.executeQuery()) {
                if (rs.next()) {
                    throw new SQLException("lineage " + oldRow[0] + " is under legal hold: DELETE is refused", "42501");
                }
            }
        }
    }
}
