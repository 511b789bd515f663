package com.leadfactory.lineage.query;

import com.leadfactory.lineage.caller.Timestamps;
import com.leadfactory.lineage.problem.BadParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
        String plain = VERSION + "|" + after + "|" + afterId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static KeysetCursor decode(String parameter, String encoded) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            return new KeysetCursor(Timestamps.parseUtc(parts[1]).toInstant(), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadParameterException(parameter, "is not a cursor this API issued; start again without it");
        }
    }
}
