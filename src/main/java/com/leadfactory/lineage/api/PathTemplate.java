package com.leadfactory.lineage.api;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path such as {@code /lineage/{lineage_id}/logs}: literal segments and {@code {name}} variables, each variable
 * one non-empty segment. Where two templates match the same path, the one with a literal segment at the first
 * place where they differ wins ({@link #MORE_SPECIFIC_FIRST}): {@code /lineage/search} over {@code
 * /lineage/{report_id}}.
 */
public record PathTemplate(String text, List<String> segments) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._-]+");

    public static final Comparator<PathTemplate> MORE_SPECIFIC_FIRST = PathTemplate::compareSpecificity;

    public static PathTemplate parse(String text) {
        if (text == null || !text.startsWith("/") || text.length() < 2 || text.endsWith("/")) {
            throw new IllegalArgumentException("a path starts with / and does not end with one: '" + text + "'");
        }
        List<String> segments = List.of(text.substring(1).split("/", -1));
        for (String segment : segments) {
            if (!VARIABLE.matcher(segment).matches()
                    && !LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + text + "': segment '" + segment
                        + "' is neither a literal ([A-Za-z0-9._-]) nor a {lower_snake_case} variable");
            }
        }
        return new PathTemplate(text, segments);
    }

    /** The variables' names, in path order. */
    public List<String> variables() {
        return segments.stream()
                .filter(PathTemplate::isVariable)
                .map(PathTemplate::name)
                .toList();
    }

    /** The path with every variable written {@code {}}: two templates of one shape match the same paths. */
    public String shape() {
        return "/"
                + String.join(
                        "/",
                        segments.stream().map(s -> isVariable(s) ? "{}" : s).toList());
    }

    private static int compareSpecificity(PathTemplate a, PathTemplate b) {
        int shared = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < shared; i++) {
            boolean aVariable = isVariable(a.segments.get(i));
            boolean bVariable = isVariable(b.segments.get(i));
            if (aVariable != bVariable) {
                return aVariable ? 1 : -1;
            }
        }
        // a total order, as List.sort needs: templates of different lengths never match one path, so any
        // consistent tie-break will do (with "equal" here, the sort could misplace /lineage/compare after
        // /lineage/{report_id} once the catalog grew)
        int bySize = Integer.compare(a.segments.size(), b.segments.size());
        return bySize != 0 ? bySize : a.text.compareTo(b.text);
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{");
    }

    private static String name(String segment) {
        return segment.substring(1, segment.length() - 1);
    }

    @Override
    public String toString() {
        return text;
    }
}
