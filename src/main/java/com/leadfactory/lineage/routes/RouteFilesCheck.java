package com.leadfactory.lineage.routes;

import com.leadfactory.lineage.db.RouteSql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The checks a route directory must pass, each problem as "file, line N: problem": what {@link RouteWiring} finds
 * (a bean, method, SQL file, {@code direct:} endpoint or class that does not exist), a route id two files declare,
 * and a statement the database does not prepare. Start-up runs them on a {@code file:} route directory
 * ({@link RouteFilesStartupCheck}), and the reloader runs the same ones on an edit ({@link RouteFileReloader}).
 */
final class RouteFilesCheck {

    private static final Logger log = LoggerFactory.getLogger(RouteFilesCheck.class);

    private RouteFilesCheck() {}

    /**
     * Every problem of the route files and statements under {@code directory}; empty when there is none, or when a
     * route file is not YAML at all (loading it says where, with line and column).
     *
     * @param beans the type of the bean of that name, or null when there is none
     * @param dataSource the routes' database, where each statement must prepare; null: statements are not prepared
     */
    static List<String> problems(Path directory, Function<String, Class<?>> beans, DataSource dataSource)
            throws IOException {
        Map<String, String> routeFiles = new TreeMap<>();
        Map<String, String> statements = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                if (name.endsWith(".yaml") && !name.contains("/")) {
                    routeFiles.put(name, Files.readString(file, StandardCharsets.UTF_8));
                } else if (name.startsWith("sql/") && name.endsWith(".sql")) {
                    statements.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> declaredBy = new TreeMap<>();
        try {
            for (var file : routeFiles.entrySet()) {
                Map<String, Integer> ids = RouteFileReloader.routeIds(file.getValue());
                ids.forEach((id, line) -> {
                    String first = declaredBy.putIfAbsent(id, file.getKey());
                    if (first != null) {
                        problems.add(file.getKey() + ", line " + line + ": route id " + id
                                + " is already the id of a route of " + first + "; route ids are unique across files");
                    }
                });
            }
            RouteWiring.check(
                            routeFiles,
                            beans,
                            statements.keySet().stream()
                                    .map(name -> name.substring("sql/".length()))
                                    .collect(Collectors.toSet()))
                    .forEach(finding ->
                            problems.add(finding.file() + ", line " + finding.line() + ": " + finding.problem()));
        } catch (YAMLException notYaml) {
            return List.of();
        }
        statements.forEach((name, text) -> {
            String problem = statementProblem(dataSource, name, text);
            if (problem != null) {
                problems.add(problem);
            }
        });
        return problems;
    }

    /**
     * Why the database does not prepare a statement file, as "file, line N: message"; null when it prepares, or
     * when it is for the other database or there is no database to ask.
     */
    static String statementProblem(DataSource dataSource, String name, String text) {
        if (dataSource == null) {
            return null;
        }
        String jdbc;
        try {
            jdbc = RouteSql.parse(name, text).jdbc();
        } catch (IllegalArgumentException e) {
            return name + ": " + e.getMessage();
        }
        try (Connection connection = dataSource.getConnection()) {
            String database = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (name.endsWith("-postgresql.sql") && !database.contains("postgresql")
                    || name.endsWith("-h2.sql") && !database.contains("h2")) {
                return null;
            }
            try (PreparedStatement statement = connection.prepareStatement(jdbc)) {
                statement.getParameterMetaData(); // PostgreSQL parses the statement only when asked about it
                return null;
            } catch (SQLException e) {
                return name + ", line " + RouteFileReloader.sqlErrorLine(jdbc, e) + ": "
                        + e.getMessage().lines().findFirst().orElse("");
            }
        } catch (SQLException e) {
            log.warn("{} was not prepared: no connection ({})", name, e.toString());
            return null;
        }
    }
}
