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
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The checks a route directory must pass, each problem as "file, line N: problem": what {@link RouteWiring} finds
 * (a bean, method, SQL file, {@code direct:} endpoint or class that does not exist, a Simple expression that does
 * not parse), a statement whose parameters break routes/sql/README.md ({@link SqlParameterConvention}), a route id two files declare,
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
        statements.forEach((name, text) -> SqlParameterConvention.check(name, text)
                .forEach(finding ->
                        problems.add(finding.file() + ", line " + finding.line() + ": " + finding.problem())));
        problems.addAll(statementProblems(dataSource, statements));
        return problems;
    }

    /** {@link #statementProblem} of every statement, all prepared on one connection. */
    private static List<String> statementProblems(DataSource dataSource, Map<String, String> statements) {
        if (dataSource == null || statements.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            String database = databaseOf(connection);
            return problems(statements, (name, text) -> statementProblem(connection, database, name, text));
        } catch (SQLException e) {
            log.warn("{} not prepared: no connection ({})", statements.keySet(), e.toString());
            return problems(statements, RouteFilesCheck::parseProblem);
        }
    }

    private static List<String> problems(Map<String, String> statements, BinaryOperator<String> problem) {
        return statements.entrySet().stream()
                .map(statement -> problem.apply(statement.getKey(), statement.getValue()))
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * Why a statement file cannot be used, as "file, line N: message": a parameter that breaks routes/sql/README.md,
     * or the database does not prepare it; null when it can, or when it is for the other database or there is no
     * database to ask.
     */
    static String statementProblem(DataSource dataSource, String name, String text) {
        List<RouteWiring.Finding> convention = SqlParameterConvention.check(name, text);
        if (!convention.isEmpty()) {
            RouteWiring.Finding first = convention.get(0);
            return first.file() + ", line " + first.line() + ": " + first.problem();
        }
        return statementProblems(dataSource, Map.of(name, text)).stream()
                .findFirst()
                .orElse(null);
    }

    private static String databaseOf(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    }

    private static String parseProblem(String name, String text) {
        try {
            RouteSql.parse(name, text);
            return null;
        } catch (IllegalArgumentException e) {
            return name + ": " + e.getMessage();
        }
    }

    /** @param database the connection's database product name, lower case */
    private static String statementProblem(Connection connection, String database, String name, String text) {
        String jdbc;
        try {
            jdbc = RouteSql.parse(name, text).jdbc();
        } catch (IllegalArgumentException e) {
            return name + ": " + e.getMessage();
        }
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
    }
}
