package com.leadfactory.lineage.caller;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A key a client sent twice in one JSON object, as Jackson's strict duplicate detection reports it. Whichever value
 * came last would otherwise win in silence, so every door that reads a client's JSON refuses it, naming the key.
 */
public final class JsonDuplicates {

    private JsonDuplicates() {}

    /**
     * The dotted path of the repeated key ({@code lead_id}, {@code run.runId}, {@code inputs.rows[2].id}), or null
     * when the parse failed for another reason.
     */
    public static String repeatedKey(JsonParseException e) {
        JsonParser parser = e.getProcessor();
        if (!String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field") || parser == null) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext();
                context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inObject()) {
                parts.addFirst("." + context.getCurrentName());
            } else if (context.inArray()) {
                parts.addFirst("[" + context.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
