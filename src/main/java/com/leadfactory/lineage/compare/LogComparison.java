package com.leadfactory.lineage.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Two reports' pipeline logs side by side: entries by level, and the first entry where they diverge. Entries are
 * compared without their timestamps (every run has its own), see docs/DESIGN-NOTES.md, 'Comparing two reports'.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LogComparison(
        @JsonProperty("a_entries") int aEntries,
        @JsonProperty("b_entries") int bEntries,
        @JsonProperty("a_levels") Map<String, Integer> aLevels,
        @JsonProperty("b_levels") Map<String, Integer> bLevels,

        @Schema(nullable = true) @JsonProperty("first_divergence")
        Divergence firstDivergence) {

    /** Fields that differ in every run and say nothing about what happened. */
    static final Set<String> TIME_FIELDS = Set.of("ts", "time", "timestamp", "@timestamp", "at", "logged_at");

    /** The first position where the two logs differ; an entry is null where that log has ended. */
    public record Divergence(
            @JsonProperty("index") int index,
            @JsonProperty("a") Object a,
            @JsonProperty("b") Object b) {}

    /** Logs are arrays of entries, an object (one entry) or null (no entries). */
    public static LogComparison of(JsonNode a, JsonNode b) {
        JsonNode left = entries(a);
        JsonNode right = entries(b);
        Divergence divergence = null;
        int longest = Math.max(left.size(), right.size());
        for (int i = 0; i < longest && divergence == null; i++) {
            JsonNode x = left.get(i);
            JsonNode y = right.get(i);
            if (x == null || y == null || !withoutTime(x).equals(withoutTime(y))) {
                divergence = new Divergence(i, x, y);
            }
        }
        return new LogComparison(left.size(), right.size(), levels(left), levels(right), divergence);
    }

    private static JsonNode entries(JsonNode logs) {
        if (logs == null || logs.isNull() || logs.isMissingNode()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (logs.isArray()) {
            return logs;
        }
        return JsonNodeFactory.instance.arrayNode().add(logs);
    }

    private static Map<String, Integer> levels(JsonNode entries) {
        Map<String, Integer> levels = new TreeMap<>();
        for (JsonNode entry : entries) {
            JsonNode level = entry.isObject() ? entry.get("level") : null;
            String name = level == null || !level.isValueNode() || level.isNull()
                    ? "(none)"
                    : level.asText().toUpperCase(Locale.ROOT);
            levels.merge(name, 1, Integer::sum);
        }
        return levels;
    }

    private static JsonNode withoutTime(JsonNode entry) {
        if (!entry.isObject()) {
            return entry;
        }
        ObjectNode copy = ((ObjectNode) entry).deepCopy();
        copy.remove(TIME_FIELDS);
        return copy;
    }
}
