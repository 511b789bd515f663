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

    private final int maxChanges;
    private final List<JsonChange> changes = new ArrayList<>();
    private long total;

    private JsonDiff(int maxChanges) {
        this.maxChanges = maxChanges;
    }

    /** The changes from {@code a} to {@code b}, paths starting at {@code $}. */
    public static Result diff(JsonNode a, JsonNode b, int maxChanges) {
        JsonDiff diff = new JsonDiff(maxChanges);
        diff.compare("$", a, b);
        return new Result(List.copyOf(diff.changes), diff.total);
    }

    /** The changes kept, in document order, and how many there were in all. */
    public record Result(List<JsonChange> changes, long total) {

        public boolean complete() {
            return total == changes.size();
        }
    }

    private void compare(String path, JsonNode a, JsonNode b) {
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
        } else if (!a.equals(b)) {
            add(new JsonChange(JsonChange.CHANGED, path, a, b));
        }
    }

    private void compareObjects(String path, JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode other = b.get(field.getKey());
            String child = path + key(field.getKey());
            if (other == null) {
                add(new JsonChange(JsonChange.REMOVED, child, field.getValue(), null));
            } else {
                compare(child, field.getValue(), other);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!a.has(field.getKey())) {
                add(new JsonChange(JsonChange.ADDED, path + key(field.getKey()), null, field.getValue()));
            }
        }
    }

    private void compareRows(String path, Map<String, JsonNode> a, Map<String, JsonNode> b) {
        for (Map.Entry<String, JsonNode> row : a.entrySet()) {
            JsonNode other = b.get(row.getKey());
            String child = path + "[id=" + row.getKey() + "]";
            if (other == null) {
                add(new JsonChange(JsonChange.REMOVED, child, row.getValue(), null));
            } else {
                compare(child, row.getValue(), other);
            }
        }
        for (Map.Entry<String, JsonNode> row : b.entrySet()) {
            if (!a.containsKey(row.getKey())) {
                add(new JsonChange(JsonChange.ADDED, path + "[id=" + row.getKey() + "]", null, row.getValue()));
            }
        }
    }

    private void compareByPosition(String path, JsonNode a, JsonNode b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            compare(path + "[" + i + "]", a.get(i), b.get(i));
        }
        for (int i = common; i < a.size(); i++) {
            add(new JsonChange(JsonChange.REMOVED, path + "[" + i + "]", a.get(i), null));
        }
        for (int i = common; i < b.size(); i++) {
            add(new JsonChange(JsonChange.ADDED, path + "[" + i + "]", null, b.get(i)));
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

    private void add(JsonChange change) {
        total++;
        if (changes.size() < maxChanges) {
            changes.add(change);
        }
    }

    static String key(String name) {
        if (PLAIN_KEY.matcher(name).matches()) {
            return "." + name;
        }
        return "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
