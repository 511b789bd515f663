package com.leadfactory.lineage.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The differences between two JSON documents as a list of changes with paths. Objects are compared key by key;
 * arrays whose elements are all objects with a unique scalar {@code id} are matched by that id (a reordered row
 * is no change), other arrays by position. At most {@code maxChanges} changes are kept; {@link Result#total}
 * counts them all. Why rows are matched by id: docs/DESIGN-NOTES.md, 'Comparing two reports'.
 */
public final class JsonDiff {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // a row id is source data: UUIDs, numbers and words go as they are, anything else (a ']', a space, nothing at
    // all) is quoted, or the path's segment would end inside the id
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_.:@+-]+");

    private final int maxChanges;
    private final List<JsonChange> changes = new ArrayList<>();
    private long total;

    private JsonDiff(int maxChanges) {
        this.maxChanges = maxChanges;
    }

    /** The changes from {@code a} to {@code b}, paths starting at {@code $}. */
    public static Result diff(JsonNode a, JsonNode b, int maxChanges) {
        JsonDiff diff = new JsonDiff(maxChanges);
        diff.compare(new Path(null, "$"), a, b);
        return new Result(List.copyOf(diff.changes), diff.total);
    }

    /** The changes kept, in document order, and how many there were in all. */
    public record Result(List<JsonChange> changes, long total) {

        public boolean complete() {
            return total == changes.size();
        }
    }

    private void compare(Path path, JsonNode a, JsonNode b) {
        // most rows of two captures of one lead are equal: one allocation-free deep comparison settles them
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            compareObjects(path, a, b);
        } else if (a.isArray() && b.isArray()) {
            Map<String, JsonNode> aById = byId(a);
            Map<String, JsonNode> bById = aById == null ? null : byId(b);
            if (aById != null && bById != null) {
                compareRows(path, aById, bById);
            } else {
                compareByPosition(path, a, b);
            }
        } else {
            add(JsonChange.CHANGED, path, a, b);
        }
    }

    private void compareObjects(Path path, JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode other = b.get(field.getKey());
            Path child = new Path(path, key(field.getKey()));
            if (other == null) {
                add(JsonChange.REMOVED, child, field.getValue(), null);
            } else {
                compare(child, field.getValue(), other);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!a.has(field.getKey())) {
                add(JsonChange.ADDED, new Path(path, key(field.getKey())), null, field.getValue());
            }
        }
    }

    private void compareRows(Path path, Map<String, JsonNode> a, Map<String, JsonNode> b) {
        for (Map.Entry<String, JsonNode> row : a.entrySet()) {
            JsonNode other = b.get(row.getKey());
            Path child = new Path(path, id(row.getKey()));
            if (other == null) {
                add(JsonChange.REMOVED, child, row.getValue(), null);
            } else {
                compare(child, row.getValue(), other);
            }
        }
        for (Map.Entry<String, JsonNode> row : b.entrySet()) {
            if (!a.containsKey(row.getKey())) {
                add(JsonChange.ADDED, new Path(path, id(row.getKey())), null, row.getValue());
            }
        }
    }

    private void compareByPosition(Path path, JsonNode a, JsonNode b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            compare(new Path(path, "[" + i + "]"), a.get(i), b.get(i));
        }
        for (int i = common; i < a.size(); i++) {
            add(JsonChange.REMOVED, new Path(path, "[" + i + "]"), a.get(i), null);
        }
        for (int i = common; i < b.size(); i++) {
            add(JsonChange.ADDED, new Path(path, "[" + i + "]"), null, b.get(i));
        }
    }

    /** The array's elements by id, or null when they are not all objects with a unique scalar id. */
    private static Map<String, JsonNode> byId(JsonNode array) {
        if (array.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode element : array) {
            JsonNode id = element.isObject() ? element.get("id") : null;
            if (id == null || !id.isValueNode() || id.isNull() || rows.put(id.asText(), element) != null) {
                return null;
            }
        }
        return rows;
    }

    private void add(String op, Path path, JsonNode a, JsonNode b) {
        total++;
        if (changes.size() < maxChanges) {
            changes.add(new JsonChange(op, path.toString(), a, b));
        }
    }

    /** A path built only when a change is kept: most nodes visited never need theirs as text. */
    private record Path(Path parent, String segment) {

        @Override
        public String toString() {
            return parent == null ? segment : parent + segment;
        }
    }

    static String key(String name) {
        if (PLAIN_KEY.matcher(name).matches()) {
            return "." + name;
        }
        return "[" + quoted(name) + "]";
    }

    static String id(String value) {
        return "[id=" + (PLAIN_ID.matcher(value).matches() ? value : quoted(value)) + "]";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
