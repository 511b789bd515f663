package com.leadfactory.lineage.db;

import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.util.PGobject;
import org.springframework.stereotype.Component;

/**
 * Binds and reads JSON columns the same way on both databases, so one SQL file serves both.
 *
 * <p>PostgreSQL takes a {@code jsonb} value as a typed {@link PGobject}; a plain string would need a cast in
 * the SQL. H2 stores a bound string in a {@code json} column as one JSON <em>string</em> even through a cast,
 * but parses UTF-8 bytes as JSON text. Reading returns a {@code PGobject} from one and bytes from the other.
 */
@Component
public class JsonColumns {

    private final boolean postgres;

    public JsonColumns(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
        }
    }

    /** Used by route files whose SQL differs between the two databases (e.g. the storage measurement). */
    public boolean isPostgres() {
        return postgres;
    }

    /** A parameter for a JSON column; null stays SQL NULL. */
    public Object bind(String json) {
        if (json == null) {
            return null;
        }
        if (!postgres) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        try {
            PGobject value = new PGobject();
            value.setType("jsonb");
            value.setValue(json);
            return value;
        } catch (SQLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@link #text} as a bean method for route files: the JSON text of a column, or null for SQL NULL. */
    public String textOrNull(Object column) {
        return text(column);
    }

    /** The JSON text of a value read from a JSON column, or null. */
    public static String text(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof PGobject pg) {
            return pg.getValue();
        }
        if (column instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (column instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read JSON column", e);
            }
        }
        return column.toString();
    }
}
