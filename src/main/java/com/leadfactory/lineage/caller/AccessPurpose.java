package com.leadfactory.lineage.caller;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The purpose a reader states for an access, in the request header {@value #HEADER}: a ticket reference or a
 * short reason, {@value #MIN_LENGTH}-{@value #MAX_LENGTH} characters. It is stored in the access's audit row.
 * Reads of customer data (raw inputs) require one (docs/ARCHITECTURE.md, "Purpose of access").
 */
public final class AccessPurpose {

    public static final String HEADER = "X-Access-Purpose";
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 200;

    private AccessPurpose() {}

    /** How a purpose with characters outside ASCII is sent: {@code UTF-8''} and the percent-encoded UTF-8 bytes. */
    public static final String EXTENDED_PREFIX = "UTF-8''";

    /**
     * RFC 8187's ext-value: a charset (case-insensitive; the two every recipient must read, UTF-8 and ISO-8859-1),
     * an optional language tag, the encoded value.
     */
    private static final Pattern EXTENDED = Pattern.compile("(?i)(utf-8|iso-8859-1)'([a-z0-9-]*)'(.*)", Pattern.DOTALL);

    /**
     * The purpose as the client wrote it, or null when the header is not readable. Plain text is printable ASCII,
     * taken as it arrives; text beyond ASCII travels as an RFC 8187 extended value, {@code UTF-8''} (the charset
     * in any case, optionally a language tag between the quotes, e.g. {@code utf-8'de'}) followed by its UTF-8
     * bytes percent-encoded, or {@code ISO-8859-1''} followed by Latin-1 bytes, which RFC 8187 also has every
     * recipient read (it was stored as the literal text {@code ISO-8859-1''abc%E9}). Raw bytes beyond ASCII are not readable: header values are bytes, the server reads
     * them as ISO-8859-1, and UTF-8 sent raw would be stored mangled ({@code café} as {@code cafÃ©}).
     */
    public static String decode(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        Matcher extended = EXTENDED.matcher(headerValue);
        if (!extended.matches()) {
            for (int i = 0; i < headerValue.length(); i++) {
                if (headerValue.charAt(i) > 0x7E) {
                    return null;
                }
            }
            return headerValue;
        }
        String encoded = extended.group(3);
        Charset charset =
                extended.group(1).equalsIgnoreCase("utf-8") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        return PercentEncoding.extendedValue(encoded, charset);
    }

    /** Why a stated header value cannot be used, or null when it can ({@link #decode} and {@link #problem}). */
    public static String problemWithHeader(String headerValue) {
        String purpose = decode(headerValue);
        if (purpose == null) {
            return "is not readable: send printable ASCII, or write text beyond ASCII as " + EXTENDED_PREFIX
                    + " followed by its percent-encoded UTF-8 bytes (RFC 8187); raw bytes beyond ASCII are not read"
                    + " as UTF-8";
        }
        return problem(purpose);
    }

    /** Why this purpose cannot be stored as stated, or null when it can. */
    public static String problem(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return "is required: say why you access this customer data (a ticket reference or a short reason, "
                    + MIN_LENGTH + "-" + MAX_LENGTH + " characters)";
        }
        int length = purpose.codePointCount(0, purpose.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return "must be " + MIN_LENGTH + "-" + MAX_LENGTH + " characters (it has " + length + ")";
        }
        String characters = PlainText.problem(purpose);
        if (characters != null) {
            return characters;
        }
        if (Character.isWhitespace(purpose.charAt(0)) || Character.isWhitespace(purpose.charAt(purpose.length() - 1))) {
            return "must not start or end with whitespace";
        }
        return null;
    }
}
