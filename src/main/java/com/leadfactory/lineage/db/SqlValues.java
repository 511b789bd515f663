package com.leadfactory.lineage.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /**
     * The column's instant as {@link Instant#toString()} writes it (ISO 8601 in UTC, seconds always, the fraction
     * in groups of three digits), written by hand for the years 0 to 9999: the JDK's formatter was a sixth of a
     * search page's summaries (bench/README.md, "Measured warm").
     */
    public static String instantText(Object column) {
        Instant instant = instant(column);
        if (instant == null) {
            return null;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        int nano = instant.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(text, 0, year, 4);
        text[4] = '-';
        put(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, time.getHour(), 2);
        text[13] = ':';
        put(text, 14, time.getMinute(), 2);
        text[16] = ':';
        put(text, 17, time.getSecond(), 2);
        if (digits > 0) {
            text[19] = '.';
            put(text, 20, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
