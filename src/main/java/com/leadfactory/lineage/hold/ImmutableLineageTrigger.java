package com.leadfactory.lineage.hold;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.h2.api.Trigger;

/**
 * H2's side of report_lineage_immutable (PostgreSQL's is PL/pgSQL): an UPDATE of a record may change only its
 * access counters; any other column changed fails, naming the column. H2 has no column-specific triggers, so this
 * one fires for every UPDATE and compares every other column (those added later included). Every H2 database stores
 * this class's name in its schema: never rename or move it.
 */
public class ImmutableLineageTrigger implements Trigger {

    static final Set<String> UPDATABLE = Set.of("access_count", "last_accessed_at");

    private final List<String> names = new ArrayList<>();
    private final List<Integer> guarded = new ArrayList<>();

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        try (PreparedStatement columns = connection.prepareStatement("SELECT COLUMN_NAME, ORDINAL_POSITION"
                + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION")) {
            columns.setString(1, schema);
            columns.setString(2, table);
            try (ResultSet rs = columns.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1).toLowerCase(java.util.Locale.ROOT);
                    if (!UPDATABLE.contains(name)) {
                        names.add(name);
                        guarded.add(rs.getInt(2) - 1);
                    }
                }
            }
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        for (int i = 0; i < guarded.size(); i++) {
            int column = guarded.get(i);
            if (!Objects.deepEquals(oldRow[column], newRow[column])) {
                throw new SQLException(
                        "report_lineage." + names.get(i) + " of lineage " + oldRow[0] + " cannot be changed: a record"
                                + " is immutable (an UPDATE may change only access_count and last_accessed_at)",
                        "42501");
            }
        }
    }
}
