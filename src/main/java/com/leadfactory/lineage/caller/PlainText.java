package com.leadfactory.lineage.caller;

/**
 * The characters a name, an identifier or a stated purpose may not contain, wherever one is taken from a client
 * (an audit write's fields, {@code X-Access-Purpose}): control characters (Unicode Cc: C0, DEL, C1), invisible
 * format characters (Cf: bidirectional overrides such as U+202E, zero-width characters, U+FEFF), the line and
 * paragraph separators (U+2028, U+2029) and lone surrogates (half a character: not Unicode text, stored as '?').
 * Each would make a stored value read differently from what it is.
 */
public final class PlainText {

    private PlainText() {}

    /**
     * Why this query or path parameter value cannot be used as sent, or null when it can: values are never trimmed,
     * so a blank one is refused (leave the parameter out instead), and so is any character {@link #problem} refuses.
     */
    public static String parameterProblem(String value) {
        if (value.isBlank()) {
            return "must not be empty or blank; leave the parameter out to not use it";
        }
        return problem(value);
    }

    /** Why this text cannot be stored as given, or null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String problem = Character.isSurrogate((char) c)
                    ? "must be Unicode text: it has half of a surrogate pair"
                    : switch (Character.getType(c)) {
                        case Character.CONTROL -> "must not contain control characters";
                        case Character.FORMAT -> "must not contain invisible format characters";
                        case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                            "must not contain line or paragraph separators";
                        default -> null;
                    };
            if (problem != null) {
                return problem + " (U+" + String.format("%04X", c) + " at position " + (i + 1) + ")";
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
