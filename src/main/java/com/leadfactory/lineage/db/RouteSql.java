package com.leadfactory.lineage.db;

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
 * A statement of routes/sql run over plain JDBC, for the reads that cannot go through camel-sql because they
 * stream from a database cursor: the audit export, and the capture's source rows (docs/DESIGN-NOTES.md, "Streaming
 * the audit export" and "Raw inputs: streamed row by row"). The file keeps the routes' parameter forms,
 * {@code :#${exchangeProperty.name}} and {@code :#${exchangeProperty.map[key]}} (routes/sql/README.md); each becomes
 * a {@code ?} bound from the exchange properties given, as camel-sql would bind it.
 */
public record RouteSql(String name, String jdbc, List<Parameter> parameters) {

    private static final Pattern PARAMETER = Pattern.compile(":#\\$\\{exchangeProperty\\.(\\w+)(?:\\[(\\w+)])?}");

    /** An exchange property, or with a {@code key} the entry of the map in that property. */
    public record Parameter(String property, String key) {

        Object value(Map<String, Object> properties) {
            Object value = properties.get(property);
            if (key == null) {
                return value;
            }
            return value instanceof Map<?, ?> map ? map.get(key) : null;
        }
    }

    /** Reads {@code <location>/<file>} (the routes' {@code lineage.routes.sql}), every time: route reloads apply. */
    public static RouteSql load(ResourceLoader resources, String location, String file) throws IOException {
        try (InputStream in = resources.getResource(location + "/" + file).getInputStream()) {
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    public static RouteSql parse(String name, String text) {
        List<Parameter> parameters = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(text);
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            parameters.add(new Parameter(matcher.group(1), matcher.group(2)));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        if (jdbc.indexOf("${") >= 0) {
            throw new IllegalArgumentException(
                    name + ": only :#${exchangeProperty.name} and :#${exchangeProperty.map[key]} parameters run over"
                            + " JDBC");
        }
        return new RouteSql(name, jdbc.toString(), List.copyOf(parameters));
    }

    /** The values of the statement's parameters, in order, from the exchange properties given. */
    public Object[] values(Map<String, Object> properties) {
        return parameters.stream().map(p -> p.value(properties)).toArray();
    }

    public PreparedStatement prepare(Connection connection, Map<String, Object> properties) throws SQLException {
        PreparedStatement statement =
                connection.prepareStatement(jdbc, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            Object[] values = values(properties);
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
