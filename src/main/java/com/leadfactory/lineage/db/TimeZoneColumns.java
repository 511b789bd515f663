package com.leadfactory.lineage.db;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads {@code timestamp with time zone} columns as {@link OffsetDateTime}, on both databases and for every
 * camel-sql row (Camel autowires this factory into the sql component). PgJDBC's default, {@code java.sql.Timestamp},
 * goes through the hybrid Julian/Gregorian calendar: a time before the 1582 calendar switch read that way is days
 * off the stored one ({@code 1500-03-01} reads as {@code 1500-03-11}). H2 already answers {@code OffsetDateTime}.
 */
@Component("timeZoneColumns")
public class TimeZoneColumns extends DefaultRowMapperFactory {

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return new ColumnMapRowMapper() {
            @Override
            protected Object getColumnValue(ResultSet rs, int index) throws SQLException {
                return value(rs, index);
            }
        };
    }

    /** A column's value as {@code getObject} reads it, except a time-zoned timestamp: an OffsetDateTime. */
    public static Object value(ResultSet rs, int index) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        if (meta.getColumnType(index) == Types.TIMESTAMP_WITH_TIMEZONE
                || "timestamptz".equalsIgnoreCase(meta.getColumnTypeName(index))) {
            return rs.getObject(index, OffsetDateTime.class);
        }
        return org.springframework.jdbc.support.JdbcUtils.getResultSetValue(rs, index);
    }
}
