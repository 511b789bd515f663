package com.leadfactory.lineage.auditlog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of one audit row that its leaf hashes (docs/DESIGN-NOTES.md, "Proving the audit trail"): every
 * column of {@code report_lineage_audit} in a fixed order, each as text, written as one byte 0 (SQL NULL) or one
 * byte 1, the UTF-8 length as four bytes big-endian and the UTF-8 bytes, after the format tag. UUIDs are lower
 * case; times are UTC with exactly six fraction digits ({@code 2026-11-26T12:50:05.123456Z}), the microseconds
 * both databases keep. A column added to the table later is appended to {@link #COLUMNS} under a new tag.
 */
public final class CanonicalRow {

    public static final String FORMAT = "lineage-audit-row/v1";

    /** The columns, in the order they are hashed. */
    public static final List<String> COLUMNS = List.of(
            "id",
            "lineage_id",
            "action",
            "user_id",
            "ip_address",
            "user_agent",
            "accessed_at",
            "outcome",
            "request_id",
            "details",
            "purpose",
            "on_behalf_of",
            "occurred_at",
            "event_id");

    private static final List<String> TIMES = List.of("accessed_at", "occurred_at");

    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    /** The SELECT list of the columns, for a table aliased {@code alias}. */
    public static String selectList(String alias) {
        StringBuilder out = new StringBuilder();
        for (String column : COLUMNS) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(alias).append('.').append(column);
        }
        return out.toString();
    }

    private CanonicalRow() {}

    /** The row at the result set's cursor as the canonical text of each column (null for SQL NULL). */
    public static Map<String, String> read(ResultSet rs) throws SQLException {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            if (TIMES.contains(column)) {
                row.put(column, time(rs.getObject(column, OffsetDateTime.class)));
            } else {
                Object value = rs.getObject(column);
                row.put(column, value == null ? null : text(column, value));
            }
        }
        return row;
    }

    private static String text(String column, Object value) {
        String text = value.toString();
        return column.equals("id") || column.equals("lineage_id") ? text.toLowerCase() : text;
    }

    public static String time(OffsetDateTime time) {
        return time == null
                ? null
                : time.withOffsetSameInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MICROS)
                        .format(UTC_MICROS);
    }

    public static byte[] encode(Map<String, String> row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, FORMAT);
        for (String column : COLUMNS) {
            field(out, row.get(column));
        }
        return out.toByteArray();
    }

    public static byte[] leafHash(Map<String, String> row) {
        return Merkle.leafHash(encode(row));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
