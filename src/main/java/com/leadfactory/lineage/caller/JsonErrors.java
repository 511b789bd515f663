package com.leadfactory.lineage.caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * Why a client's JSON did not parse, in words meant for the client: Jackson's own message without the parts that
 * describe Jackson (its class names, feature flags and constraint getters, the "[Source: ...]" of a location),
 * which told any caller what the service is built with and asked it to "enable" a setting only the server has.
 */
public final class JsonErrors {

    static final String FALLBACK = "malformed JSON";

    private static final Pattern BOUND_AS = Pattern.compile("\\s*\\(bound as `[^`]*`\\)");
    private static final Pattern NOT_ALLOWED_AS_PER = Pattern.compile(":?\\s*not allowed as per `[^`]*`");
    private static final Pattern ENABLE_TO_ALLOW = Pattern.compile(":?\\s*enable `[^`]*` to allow");
    private static final Pattern FROM_GETTER = Pattern.compile(",\\s*from `[^`]*`");
    private static final Pattern START_MARKER =
            Pattern.compile("\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

    private JsonErrors() {}

    /** The first line of the parse error, without Jackson's internals; a fixed phrase if any would remain. */
    public static String reason(JsonProcessingException e) {
        String text = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        text = BOUND_AS.matcher(text).replaceAll("");
        text = NOT_ALLOWED_AS_PER.matcher(text).replaceAll("");
        text = ENABLE_TO_ALLOW.matcher(text).replaceAll("");
        text = FROM_GETTER.matcher(text).replaceAll("");
        text = START_MARKER.matcher(text).replaceAll(" (opened at line $1, column $2)");
        text = text.strip();
        boolean internal = text.indexOf('`') >= 0
                || text.contains("[Source")
                || text.contains("com.fasterxml")
                || text.contains("jackson");
        return text.isEmpty() || internal ? FALLBACK : text;
    }
}
