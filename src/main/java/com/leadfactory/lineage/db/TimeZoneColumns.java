package com.leadfactory.lineage.db;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Reads {@code timestamp with time zone} columns as {@link OffsetDateTime}, on both databases and for every
 * camel-sql row (Camel autowires this factory into the sql component). PgJDBC's default, {@code java.sql.Timestamp},
 * goes through the hybrid Julian/Gregorian calendar: a time before the 1582 calendar switch read that way is days
 * off the stored one ({@code 1500-03-01} reads as {@code 1500-03-11}). H2 already answers {@code OffsetDateTime}.
 *
 * <p>Which columns those are, and their names, is read from the metadata once per result set: asked per cell,
 * PgJDBC's type lookups were a sixth of a search page's CPU, and Spring's case-insensitive row map and generic
 * value conversion another sixth (bench/README.md, "Measured warm").
 */
@Component("timeZoneColumns")
public class TimeZoneColumns extends DefaultRowMapperFactory {

    /** Camel asks for a new row mapper for every result set, so the first row can read the columns for all. */
    @Override
    public RowMapper<?> newColumnRowMapper() {
        return rowMaps();
    }

    /** A mapper for one result set's rows: each a map of lower-cased column label to value, read as said above. */
    public static RowMapper<Map<String, Object>> rowMaps() {
        return new RowMapper<>() {

            private Columns columns;

            @Override
            public Map<String, Object> mapRow(ResultSet rs, int rowNum) throws SQLException {
                if (columns == null) {
                    columns = Columns.lowerCased(rs);
                }
                Map<String, Object> row = new LinkedHashMap<>(columns.keys().length * 2);
                for (int i = 0; i < columns.keys().length; i++) {
                    row.put(columns.keys()[i], columns.value(rs, i + 1));
                }
                return row;
            }
        };
    }

    /**
     * A result set's column keys and how each column is read: a time-zoned timestamp as an OffsetDateTime, a
     * large object or a date through Spring's conversions, everything else as {@code getObject} answers it.
     */
    record Columns(String[] keys, Read[] reads) {

        enum Read {
            ZONED,
            CONVERTED,
            AS_IS
        }

        /**
         * The columns of {@code rs} keyed by their lower-cased labels: the routes' row maps have the same keys on
         * PostgreSQL, which answers labels in lower case, and on H2, which answers them in upper case.
         */
        static Columns lowerCased(ResultSet rs) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int count = meta.getColumnCount();
            String[] keys = new String[count];
            Read[] reads = new Read[count];
            for (int i = 1; i <= count; i++) {
                keys[i - 1] = JdbcUtils.lookupColumnName(meta, i).toLowerCase(Locale.ROOT);
                reads[i - 1] = readOf(meta.getColumnType(i), meta.getColumnTypeName(i));
            }
            return new Columns(keys, reads);
        }

        private static Read readOf(int type, String typeName) {
            if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equalsIgnoreCase(typeName)) {
                return Read.ZONED;
            }
            return switch (type) {
                case Types.BLOB, Types.CLOB, Types.NCLOB, Types.DATE -> Read.CONVERTED;
                default -> Read.AS_IS;
            };
        }

        /** A column's value as {@code getObject} reads it, except a time-zoned timestamp: an OffsetDateTime. */
        Object value(ResultSet rs, int index) throws SQLException {
            return switch (reads[index - 1]) {
                case ZONED -> rs.getObject(index, OffsetDateTime.class);
                case CONVERTED -> JdbcUtils.getResultSetValue(rs, index);
                case AS_IS -> rs.getObject(index);
            };
        }
    }
}
