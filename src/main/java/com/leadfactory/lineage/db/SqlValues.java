package com.leadfactory.lineage.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Normalises what the two JDBC drivers return for the same column types. */
public final class SqlValues {

    private SqlValues() {}

    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (column instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (column instanceof Instant i) {
            return i;
        }
        if (column instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        return OffsetDateTime.parse(column.toString()).toInstant();
    }

    public static UUID uuid(Object column) {
        if (column == null) {
            return null;
        }
        return column instanceof UUID u ? u : UUID.fromString(column.toString());
    }

    public static String trimmed(Object column) {
        return column == null ? null : column.toString().trim();
    }
}
