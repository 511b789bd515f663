package com.leadfactory.lineage.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The two databases the service runs on, and what their migrations need to know about each: the folder of
 * vendor-specific scripts and the values of the type placeholders (see db/migration/README.md).
 */
public enum DatabaseVendor {
    POSTGRESQL("postgresql", Map.of("json_type", "JSONB", "bytes_type", "BYTEA")),
    H2("h2", Map.of("json_type", "JSON", "bytes_type", "VARBINARY"));

    private final String folder;
    private final Map<String, String> placeholders;

    DatabaseVendor(String folder, Map<String, String> placeholders) {
        this.folder = folder;
        this.placeholders = placeholders;
    }

    /** The name Spring Boot gives {@code {vendor}} in {@code spring.flyway.locations}, and of vendor scripts. */
    public String folder() {
        return folder;
    }

    /** The Flyway placeholders every migration may use, with this database's values. */
    public Map<String, String> placeholders() {
        return placeholders;
    }

    public static DatabaseVendor of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the datasource is: " + e.getMessage(), e);
        }
    }

    public static DatabaseVendor of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalStateException(
                "unsupported database '" + product + "': the schema migrations exist for PostgreSQL and H2 only");
    }
}
