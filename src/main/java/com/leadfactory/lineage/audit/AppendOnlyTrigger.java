package com.leadfactory.lineage.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's side of the append-only audit table (PostgreSQL has a PL/pgSQL trigger): any UPDATE or DELETE of
 * report_lineage_audit fails, whoever runs it. Every H2 database stores this class's name in its schema: never
 * rename or move it (src/main/resources/db/migration/README.md).
 */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("report_lineage_audit is append-only: UPDATE and DELETE are refused", "42501");
    }
}
