package com.leadfactory.lineage.trail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ResourceLoader;

/**
 * A statement of routes/sql run over plain JDBC, for the one read that cannot go through camel-sql: an export
 * streams from a database cursor while the response is written, after the route has finished (docs/DESIGN-NOTES.md,
 * "Streaming the audit export"). The file keeps the routes' parameter form, {@code :#${exchangeProperty.map[key]}}
 * (routes/sql/README.md); each becomes a {@code ?} bound from the map, as camel-sql would bind it.
 */
record RouteSql(String name, String jdbc, List<String> keys) {

    private static final Pattern PARAMETER = Pattern.compile(":#\\$\\{exchangeProperty\\.(\\w+)\\[(\\w+)]}");

    /** Reads {@code <location>/<file>} (the routes' {@code lineage.routes.sql}), every time: route reloads apply. */
    static RouteSql load(ResourceLoader resources, String location, String file) throws IOException {
        try (InputStream in = resources.getResource(location + "/" + file).getInputStream()) {
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static RouteSql parse(String name, String text) {
        List<String> keys = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(text);
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            keys.add(matcher.group(2));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        if (jdbc.indexOf("${") >= 0) {
            throw new IllegalArgumentException(name + ": only :#${exchangeProperty.map[key]} parameters run over JDBC");
        }
        return new RouteSql(name, jdbc.toString(), List.copyOf(keys));
    }

    PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
        PreparedStatement statement =
                connection.prepareStatement(jdbc, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            for (int i = 0; i < keys.size(); i++) {
                statement.setObject(i + 1, values.get(keys.get(i)));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
