package com.leadfactory.lineage.query;

import com.leadfactory.lineage.caller.Timestamps;
import com.leadfactory.lineage.db.SqlValues;
import com.leadfactory.lineage.problem.BadParameterException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The position after the last row of a page, newest first: (timestamp, id). Opaque to clients (base64url of
 * a versioned text), so the encoding can change without breaking them; a cursor that does not decode is a 400.
 */
public record KeysetCursor(Instant after, UUID afterId) {

    private static final String VERSION = "v1";

    public String encode() {
        String plain = VERSION + "|" + SqlValues.instantText(after) + "|" + afterId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static KeysetCursor decode(String parameter, String encoded) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            Instant after = issuedInstant(parts[1]);
            return new KeysetCursor(
                    after != null ? after : Timestamps.parseInstant(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadParameterException(parameter, "is not a cursor this API issued; start again without it");
        }
    }

    /**
     * The instant of a cursor as {@link #encode()} writes it ({@code 2026-11-25T10:15:30.123456Z}: 0, 3, 6 or 9
     * fraction digits), read without the JDK's general parser, which was 3 % of a search page's CPU
     * (bench/README.md, "Search pages and lookups: the JVM's share"); null for any other text, which
     * {@link Instant#parse} then reads or refuses as before.
     */
    static Instant issuedInstant(String text) {
        int length = text.length();
        if (length != 20 && length != 24 && length != 27 && length != 30) {
            return null;
        }
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z'
                || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = length > 20 ? digits(text, 20, length - 21) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) {
            return null;
        }
        int nano = fraction * (length == 24 ? 1_000_000 : length == 27 ? 1_000 : 1);
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return null; // a 13th month, a leap second, ...: Instant.parse decides
        }
    }

    /** The {@code count} decimal digits at {@code from} as a number, or -1 if any is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
