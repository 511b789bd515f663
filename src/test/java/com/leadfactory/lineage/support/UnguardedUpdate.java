package com.leadfactory.lineage.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test set-up that changes what the database keeps immutable (trigger report_lineage_immutable, V16): a record aged
 * past the retention cutoff, a row as an older version stored it. The trigger is switched off around the one
 * statement, as only the table's owner can (DDL), never by anything the service does.
 */
public final class UnguardedUpdate {

    private static final String H2_TRIGGER = "CREATE TRIGGER report_lineage_immutable BEFORE UPDATE ON report_lineage"
            + " FOR EACH ROW CALL 'com.leadfactory.lineage.hold.ImmutableLineageTrigger'";

    private UnguardedUpdate() {}

    /** Runs {@code sql} (an UPDATE of report_lineage) with the immutability trigger off; returns the update count. */
    public static int ofLineage(JdbcTemplate jdbc, String sql, Object... args) {
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            boolean postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
            return postgres ? postgres(connection, sql, args) : h2(connection, sql, args);
        });
    }

    private static int postgres(Connection connection, String sql, Object[] args) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE report_lineage DISABLE TRIGGER report_lineage_immutable");
            int count = update(connection, sql, args);
            ddl.execute("ALTER TABLE report_lineage ENABLE TRIGGER report_lineage_immutable");
            connection.commit();
            return count;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int h2(Connection connection, String sql, Object[] args) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TRIGGER report_lineage_immutable");
            try {
                return update(connection, sql, args);
            } finally {
                ddl.execute(H2_TRIGGER);
            }
        }
    }

    private static int update(Connection connection, String sql, Object[] args) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                update.setObject(i + 1, args[i]);
            }
            return update.executeUpdate();
        }
    }
}
