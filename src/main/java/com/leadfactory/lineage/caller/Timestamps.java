package com.leadfactory.lineage.caller;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as clients send them: RFC 3339 with an offset, read as UTC. java.time also reads a year of more than
 * four digits with a sign ({@code +300000-01-01T00:00:00Z}), which RFC 3339 does not have and PostgreSQL cannot
 * store (its timestamps end in the year 294276): such a value failed the statement it reached, a 500 instead of a
 * 400 naming the field (docs/DESIGN-NOTES.md, "Timestamps clients send").
 */
public final class Timestamps {

    private Timestamps() {}

    /** The instant {@code text} names, at offset UTC; a {@link DateTimeParseException} when it is not RFC 3339. */
    public static OffsetDateTime parseUtc(String text) {
        OffsetDateTime time = OffsetDateTime.parse(text);
        refuseSignedYear(text);
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** As {@link Instant#parse} (the {@code Z} form; a leap second read as the second before it), four-digit years. */
    public static Instant parseInstant(String text) {
        Instant instant = Instant.parse(text);
        refuseSignedYear(text);
        return instant;
    }

    private static void refuseSignedYear(String text) {
        if (!text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
            throw new DateTimeParseException("the year must have four digits (RFC 3339)", text, 0);
        }
    }
}
