package com.leadfactory.lineage.caller;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoded UTF-8 as clients send it (or ISO-8859-1 where a value names it), decoded strictly: a bad escape
 * or bytes that are not UTF-8 give null
 * instead of the replacement characters a lenient decoder would store in silence.
 */
public final class PercentEncoding {

    private PercentEncoding() {}

    /** A query string part: {@code +} is a space, {@code %XX} a byte, any other character its UTF-8 bytes. */
    public static String queryPart(String part) {
        return decode(part, true);
    }

    /** An RFC 8187 value's encoded part: {@code %XX} a byte, else only printable ASCII other than space. */
    public static String extendedValue(String encoded) {
        return decode(encoded, false, StandardCharsets.UTF_8);
    }

    /** As {@link #extendedValue(String)}, its bytes in {@code charset} (RFC 8187 has UTF-8 and ISO-8859-1). */
    public static String extendedValue(String encoded, Charset charset) {
        return decode(encoded, false, charset);
    }

    private static String decode(String text, boolean query) {
        return decode(text, query, StandardCharsets.UTF_8);
    }

    private static String decode(String text, boolean query, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (query && c == '+') {
                bytes.write(' ');
            } else if (query) {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            } else if (c > 0x20 && c < 0x7F) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
