package com.leadfactory.lineage.hold;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's side of lineage_legal_hold_immutable (PostgreSQL's is PL/pgSQL): a hold is placed and released, never
 * changed. Every H2 database stores this class's name in its schema: never rename or move it.
 */
public class ImmutableHoldTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(
                "legal hold " + oldRow[0] + " cannot be changed: release it (DELETE) and place a new one", "42501");
    }
}
