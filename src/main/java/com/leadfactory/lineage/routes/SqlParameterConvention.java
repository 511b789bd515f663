package com.leadfactory.lineage.routes;

import com.leadfactory.lineage.routes.RouteWiring.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a statement in routes/sql takes parameters (routes/sql/README.md): {@code :#${exchangeProperty.name}}
 * or {@code :#${exchangeProperty.map[key]}}, and no other {@code ${...}}, {@code #} or {@code ?} in the SQL text.
 * Checked by {@code RouteWiringTest}, and on a {@code file:} route directory at start-up and on every reloaded edit
 * ({@link RouteFilesCheck}): any other form would bind a message header, which a client can send under any name.
 */
final class SqlParameterConvention {

    private static final Pattern PARAMETER =
            Pattern.compile(":#\\$\\{exchangeProperty\\.[A-Za-z_][A-Za-z0-9_]*(\\[[A-Za-z_][A-Za-z0-9_]*])?}");

    private SqlParameterConvention() {}

    static List<Finding> check(String file, String sql) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = sql.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = withoutStringsAndComment(lines[i]);
            Matcher parameter = PARAMETER.matcher(code);
            String rest = parameter.replaceAll(" ");
            if (rest.contains(":#")
                    || rest.contains("${")
                    || rest.contains("#")
                    || rest.contains("?")
                    || Pattern.compile("(?<![:\\w]):[A-Za-z_]").matcher(rest).find()) {
                findings.add(new Finding(
                        file,
                        i + 1,
                        "parameters must be :#${exchangeProperty.name} or :#${exchangeProperty.map[key]}"
                                + " (routes/sql/README.md): " + lines[i].trim()));
            }
        }
        return findings;
    }

    /** The line with quoted literals blanked and a trailing -- comment cut, so only SQL code is checked. */
    private static String withoutStringsAndComment(String line) {
        StringBuilder code = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                code.append(' ');
            } else if (quoted) {
                code.append(' ');
            } else if (c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                break;
            } else {
                code.append(c);
            }
        }
        return code.toString();
    }
}
