package com.leadfactory.lineage.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases the suite creates for itself, on the PostgreSQL that .ci/run starts and on in-memory H2. */
public final class TestDatabases {

    public static final String POSTGRES_HOST = System.getProperty("lineage.test.pg-host", "127.0.0.1:5432");

    private TestDatabases() {}

    /**
     * Drops and recreates a PostgreSQL database, returning its JDBC URL. LINEAGE_TEST_DB_SUFFIX keeps two
     * checkouts testing at once on one server out of each other's databases.
     */
    public static String freshPostgres(String baseName) {
        String name = baseName + suffix();
        try (Connection admin = admin();
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + POSTGRES_HOST + " is needed for this test (bash .ci/run starts it): "
                            + e.getMessage(),
                    e);
        }
        return "jdbc:postgresql://" + POSTGRES_HOST + "/" + name;
    }

    /**
     * LINEAGE_TEST_DB_SUFFIX as a part of an unquoted database name: a branch name such as {@code _fix-x} works as
     * {@code _fix_x} instead of failing every CREATE DATABASE.
     */
    public static String suffix() {
        return System.getenv()
                .getOrDefault("LINEAGE_TEST_DB_SUFFIX", "")
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
    }

    /** The PostgreSQL database of that name, created if missing and otherwise kept as it is. */
    public static String keptPostgres(String name) {
        try (Connection admin = admin();
                Statement statement = admin.createStatement()) {
            if (!statement
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")
                    .next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_HOST + " is needed: " + e.getMessage(), e);
        }
        return "jdbc:postgresql://" + POSTGRES_HOST + "/" + name;
    }

    /** A connection to the server's maintenance database, as the superuser the tests run as. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + POSTGRES_HOST + "/postgres", "postgres", "");
    }

    public static String h2Memory(String name) {
        return "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }
}
