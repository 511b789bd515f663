package com.leadfactory.lineage.problem;

import java.util.function.Function;

/** How a failure is named in a log line an operator acts on. */
public final class FailureText {

    private FailureText() {}

    /** The failure's own message and, when it says something else, its root cause's. */
    public static String of(Throwable failure) {
        return failure == null ? "unknown failure" : join(failure, t -> String.valueOf(t.getMessage()));
    }

    /**
     * The same with each one's type: for failures whose message alone says too little (a file error's message is
     * only its path).
     */
    public static String withTypes(Throwable failure) {
        return failure == null ? "unknown failure" : join(failure, Throwable::toString);
    }

    /**
     * Text for one log line: line breaks, other control characters (a terminal's escape sequences start with one)
     * and invisible format characters (U+202E reverses what follows) written as {@code \n}, {@code \r}, {@code \t}
     * or a backslash, {@code u} and four hex digits. A failure's message can quote what a client sent, such as a JSON key; written as
     * it is, a key holding a line break and a timestamp adds a line of the client's making to the log.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder line = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = Character.isISOControl(c)
                    || c == '\u2028'
                    || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT;
            if (!escape) {
                if (line != null) {
                    line.append(c);
                }
                continue;
            }
            if (line == null) {
                line = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(String.format("\\u%04X", (int) c));
            }
        }
        return line == null ? text : line.toString();
    }

    private static String join(Throwable failure, Function<Throwable, String> text) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = text.apply(failure);
        return root == failure || top.contains(String.valueOf(root.getMessage())) ? top : top + ": " + text.apply(root);
    }
}
