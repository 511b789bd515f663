package com.leadfactory.lineage.routes;

import com.leadfactory.lineage.routes.RouteWiring.Finding;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.Endpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Live reloading of the route directory for development ({@code lineage.routes.reload=true}), on Camel's own
 * route watcher:
 *
 * <ul>
 *   <li>a changed {@code *.yaml} file replaces the routes it declares (the others keep running), and a route it no
 *       longer declares (deleted or renamed) is removed;
 *   <li>a changed {@code sql/*.sql} file drops the camel-sql endpoints that read it and reloads the route files
 *       that name it or compute a statement's name ({@code toD}), so the next exchange runs the new statement;
 *   <li>before anything is reloaded, the edit is checked as start-up and {@link RouteWiring} would check it: a
 *       route id another file already declares, a {@code direct:} endpoint no route consumes (after the edit), a
 *       bean or method that does not exist, a SQL file that is not there, and, for a SQL file, a statement the
 *       database does not prepare (on the database it runs on: a {@code -postgresql.sql} or {@code -h2.sql} file
 *       only on its own). A refused edit is logged at ERROR with the file and line and nothing is reloaded;
 *   <li>an edit that still does not load (YAML error, unknown endpoint option, ...) is logged at ERROR with the file
 *       and the parser's line and column, and the last version that loaded is put back (a route only the refused
 *       version declared is removed, started or not): the service keeps serving.
 * </ul>
 *
 * A deleted file's routes keep running until the next restart. A route moved from one file to another is refused
 * while the old file still declares it: save the file it leaves first, then the one it joins.
 */
public class RouteFileReloader extends RouteWatcherReloadStrategy {

    private static final Logger log = LoggerFactory.getLogger(RouteFileReloader.class);

    /** A {@code toD} to camel-sql whose file name is computed: it may read any statement. */
    private static final Pattern DYNAMIC_SQL = Pattern.compile("sql:[^\\s\"]*\\$\\{");

    /** A step Camel names in its message, {@code Name[inner]}, whose inner text may hold steps of its own. */
    private static final Pattern WRAPPED_STEP = Pattern.compile("\\w+\\[(.*)]", Pattern.DOTALL);

    private static final Pattern FAILED_ROUTE = Pattern.compile("Failed to create route:? ([\\w.-]+)");

    /** Where a database says a statement went wrong: H2 marks it {@code [*]}, PostgreSQL says {@code Position: n}. */
    private static final Pattern SQL_POSITION = Pattern.compile("Position: (\\d+)");

    private final Path directory;
    /** The type of the bean of a name, or null when there is none (the routes' registry). */
    private final Function<String, Class<?>> beans;
    /** The database the statements run on, to prepare an edited one; null: SQL edits are not prepared first. */
    private final DataSource dataSource;
    /** The content of every file as last loaded successfully, by path relative to the directory. */
    private final Map<String, String> lastGood = new TreeMap<>();

    /**
     * @param beans the type of the bean of that name, or null when there is none
     * @param dataSource the routes' database, where an edited statement must prepare before it is reloaded
     */
    public RouteFileReloader(Path directory, Function<String, Class<?>> beans, DataSource dataSource) {
        super(directory.toAbsolutePath().toString(), true);
        this.directory = directory.toAbsolutePath();
        this.beans = beans;
        this.dataSource = dataSource;
        setPattern("*.yaml,*.sql");
        setRemoveAllRoutes(false);
    }

    @Override
    protected void doStart() throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(RouteFileReloader::watched).toList()) {
                lastGood.put(relative(file), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        setResourceReload((name, resource) -> changed(Path.of(name)));
        super.doStart();
    }

    @Override
    protected String startupMessage(File dir) {
        return "Route reloading is on (lineage.routes.reload, a development setting): watching " + dir;
    }

    /** Handles one changed file, one change at a time. */
    synchronized void changed(Path file) {
        Path absolute = file.toAbsolutePath();
        String name = relative(absolute);
        if (!Files.isRegularFile(absolute)) {
            if (lastGood.containsKey(name)) {
                log.warn("{} was removed; the routes it declared keep running until the service restarts", name);
            }
            return;
        }
        String content = read(absolute);
        if (content.isEmpty() || content.equals(lastGood.get(name))) {
            return; // a save in progress (truncated, the content follows), or the same save reported twice
        }
        if (name.endsWith(".sql")) {
            String problem = statementProblem(name, content);
            if (problem != null) {
                log.error("SQL file {} was NOT reloaded; its last good version keeps serving. {}", name, problem);
                return;
            }
            lastGood.put(name, content);
            reloadStatement(absolute.getFileName().toString());
        } else {
            reloadRouteFile(name, content);
        }
    }

    private void reloadRouteFile(String name, String content) {
        List<String> refused = routeFileProblems(name, content);
        if (!refused.isEmpty()) {
            log.error(
                    "Route file {} was NOT reloaded; its last good version keeps serving. {}",
                    name,
                    String.join("; ", refused));
            return;
        }
        Set<String> before = declaredRoutes(lastGood.get(name));
        Set<String> after = declaredRoutes(content);
        try {
            // a route the file no longer declares (deleted or renamed) goes with the edit, as on a restart;
            // otherwise a renamed route's old self kept its direct: endpoint and the new one could not start
            if (before != null && after != null) {
                removeRoutes(minus(before, after), "its file no longer declares it");
            }
            Set<String> routes = load(name, content);
            lastGood.put(name, content);
            log.info("Reloaded {}: routes {}", name, routes);
        } catch (Exception e) {
            log.error(
                    "Route file {} was NOT reloaded; its last good version keeps serving. {}{}",
                    name,
                    stepLine(content, e),
                    describe(e),
                    e);
            // a route only the refused version declares stays in the context even when it failed to start
            // (and turns Camel's health check DOWN): it goes before the last good version comes back
            if (after != null) {
                removeRoutes(before == null ? after : minus(after, before), "only the refused version declares it");
            }
            String previous = lastGood.get(name);
            if (previous != null) {
                try {
                    load(name, previous);
                } catch (Exception restore) {
                    log.error("Could not put back the last good version of {}: {}", name, describe(restore), restore);
                }
            }
        }
    }

    /** The ids of the routes a route file declares; null when there is no such file or it is not YAML. */
    private static Set<String> declaredRoutes(String yaml) {
        if (yaml == null) {
            return null;
        }
        try {
            return routeIds(yaml).keySet();
        } catch (YAMLException e) {
            return null;
        }
    }

    private static Set<String> minus(Set<String> from, Set<String> without) {
        Set<String> rest = new TreeSet<>(from);
        rest.removeAll(without);
        return rest;
    }

    /** Stops and removes these routes, started or not, with their definitions. */
    private void removeRoutes(Set<String> ids, String why) {
        ModelCamelContext model = (ModelCamelContext) getCamelContext();
        for (String id : ids) {
            try {
                RouteDefinition definition = model.getRouteDefinition(id);
                if (definition != null) {
                    model.removeRouteDefinition(definition);
                } else if (getCamelContext().getRoute(id) != null) {
                    getCamelContext().getRouteController().stopRoute(id);
                    getCamelContext().removeRoute(id);
                }
                log.info("Removed route {}: {}", id, why);
            } catch (Exception e) {
                log.warn("Could not remove route {}: {}", id, describe(e));
            }
        }
    }

    /**
     * What start-up or the wiring checks would refuse in an edited route file, each as "file, line N: problem";
     * empty when there is nothing (or the file is not YAML at all, which loading it reports with line and column).
     */
    List<String> routeFileProblems(String name, String content) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> ids;
        try {
            ids = routeIds(content);
        } catch (YAMLException e) {
            return problems;
        }
        for (var other : lastGood.entrySet()) {
            if (other.getKey().equals(name) || !other.getKey().endsWith(".yaml")) {
                continue;
            }
            Map<String, Integer> its;
            try {
                its = routeIds(other.getValue());
            } catch (YAMLException e) {
                continue;
            }
            ids.forEach((id, line) -> {
                if (its.containsKey(id)) {
                    problems.add(name + ", line " + line + ": route id " + id + " is already the id of a route of "
                            + other.getKey() + " (line " + its.get(id) + "); route ids are unique across files");
                }
            });
        }
        Map<String, String> before = new TreeMap<>();
        lastGood.forEach((file, text) -> {
            if (file.endsWith(".yaml")) {
                before.put(file, text);
            }
        });
        Map<String, String> after = new TreeMap<>(before);
        after.put(name, content);
        Set<String> sqlFiles = lastGood.keySet().stream()
                .filter(file -> file.startsWith("sql/") && file.endsWith(".sql"))
                .map(file -> file.substring("sql/".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        try {
            Set<String> known = RouteWiring.check(before, beans, sqlFiles).stream()
                    .map(finding -> finding.file() + ": " + finding.problem())
                    .collect(Collectors.toSet());
            for (Finding finding : RouteWiring.check(after, beans, sqlFiles)) {
                if (!known.contains(finding.file() + ": " + finding.problem())) {
                    problems.add(finding.file() + ", line " + finding.line() + ": " + finding.problem());
                }
            }
        } catch (YAMLException e) {
            log.debug("the wiring of {} was not checked: a file is not YAML", name, e);
        }
        for (var statement : lastGood.entrySet()) {
            String file = statement.getKey();
            String sqlFile = file.substring(file.lastIndexOf('/') + 1);
            if (file.endsWith(".sql")
                    && (content.contains(sqlFile)
                            || DYNAMIC_SQL.matcher(content).find())) {
                // the routes reloaded now read the statement as it is on disk: not an edit refused before
                Path path = directory.resolve(file);
                String onDisk = Files.isRegularFile(path) ? read(path) : statement.getValue();
                String problem = onDisk.equals(statement.getValue()) ? null : statementProblem(file, onDisk);
                if (problem != null) {
                    problems.add("it reads " + file + ", whose edit was refused: " + problem);
                }
            }
        }
        return problems;
    }

    /** The id of every route of a route file, with the line it is on. */
    static Map<String, Integer> routeIds(String yaml) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        if (root instanceof SequenceNode items) {
            for (Node item : items.getValue()) {
                Node route = item instanceof MappingNode entry ? value(entry, "route") : null;
                if (route instanceof MappingNode definition && value(definition, "id") instanceof ScalarNode id) {
                    ids.putIfAbsent(id.getValue(), id.getStartMark().getLine() + 1);
                }
            }
        }
        return ids;
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    /**
     * Why the database does not prepare a statement file, as "file, line N: message"; null when it prepares, or
     * when it is for the other database or there is no database to ask.
     */
    String statementProblem(String name, String text) {
        return RouteFilesCheck.statementProblem(dataSource, name, text);
    }

    /**
     * The line of the statement a database's error points at ({@code [*]} in H2's quote of the statement,
     * {@code Position: n} from PostgreSQL); 1 when it does not say. Replacing the parameters by {@code ?} keeps the
     * file's lines.
     */
    static int sqlErrorLine(String jdbc, SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        int marker = message.indexOf("[*]");
        int quote = message.indexOf('"');
        if (marker > quote && quote >= 0) {
            // H2 quotes the statement with its line breaks as they are or escaped (\000a)
            String before = message.substring(quote + 1, marker);
            return 1 + occurrences(before, "\n") + occurrences(before, "\\000a");
        }
        Matcher position = SQL_POSITION.matcher(message);
        if (position.find()) {
            int offset = Integer.parseInt(position.group(1)) - 1;
            return 1 + occurrences(jdbc.substring(0, Math.max(0, Math.min(offset, jdbc.length()))), "\n");
        }
        return 1;
    }

    /** The database's message without the statement H2 appends to it. */
    static String sqlErrorMessage(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        int statement = message.indexOf("; SQL statement:");
        return (statement < 0 ? message : message.substring(0, statement))
                .lines()
                .findFirst()
                .orElse("")
                .replace("\\000a", " ");
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private void reloadStatement(String sqlFile) {
        List<Endpoint> readers = new ArrayList<>();
        for (Endpoint endpoint : getCamelContext().getEndpoints()) {
            String uri = endpoint.getEndpointUri();
            if (uri.startsWith("sql:") && uri.contains("/" + sqlFile)) {
                readers.add(endpoint);
            }
        }
        for (Endpoint endpoint : readers) {
            try {
                getCamelContext().removeEndpoint(endpoint);
            } catch (Exception e) {
                log.warn("Could not drop endpoint {}: {}", endpoint.getEndpointUri(), e.toString());
            }
        }
        List<String> routeFiles = lastGood.entrySet().stream()
                .filter(file -> file.getKey().endsWith(".yaml")
                        && (file.getValue().contains(sqlFile)
                                || DYNAMIC_SQL.matcher(file.getValue()).find()))
                .map(Map.Entry::getKey)
                .toList();
        for (String routeFile : routeFiles) {
            try {
                load(routeFile, lastGood.get(routeFile));
            } catch (Exception e) {
                log.error("Reloading {} for the changed {} failed: {}", routeFile, sqlFile, describe(e), e);
            }
        }
        log.info(
                "Reloaded sql/{}: {} endpoint(s) dropped, route files {} reloaded",
                sqlFile,
                readers.size(),
                routeFiles);
    }

    private Set<String> load(String name, String content) throws Exception {
        Resource resource = ResourceHelper.fromString("file:" + directory.resolve(name), content);
        return PluginHelper.getRoutesLoader(getCamelContext()).updateRoutes(List.of(resource));
    }

    /** The messages of the exception and its causes: the YAML parser's say file, line and column. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
                text.append(text.length() == 0 ? "" : " <- ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    /**
     * "line N: " for a failure Camel reports at a step ({@code >>> SetBody[bean[ref:x method:y]] <<<}) rather than
     * at a position; empty when it cannot be found (the YAML parser's own messages carry a position). The step's
     * text is looked up in the file from its route's id on: whole first, then each step it wraps, then each of the
     * innermost step's values ({@code ref:x}: {@code x}), those the reason ("because: ...") names first.
     */
    static String stepLine(String content, Throwable failure) {
        String message = describe(failure);
        int start = message.indexOf(">>> ");
        int end = start < 0 ? -1 : message.indexOf(" <<<", start);
        if (end < 0) {
            return "";
        }
        String[] lines = content.split("\n", -1);
        int from = 0;
        Matcher route = FAILED_ROUTE.matcher(message);
        if (route.find()) {
            Pattern id =
                    Pattern.compile("^\\s*(?:-\\s+)?id:\\s*[\"']?" + Pattern.quote(route.group(1)) + "[\"']?\\s*$");
            for (int i = 0; i < lines.length; i++) {
                if (id.matcher(lines[i]).find()) {
                    from = i;
                    break;
                }
            }
        }
        int because = message.indexOf("because:", end);
        String reason = message.substring(because < 0 ? end : because);
        for (String needle : needles(message.substring(start + 4, end), reason)) {
            Pattern whole = Pattern.compile("(?<![\\w$])" + Pattern.quote(needle) + "(?!\\w)");
            for (int pass = 0; pass < 2; pass++) {
                for (int i = pass == 0 ? from : 0; i < (pass == 0 ? lines.length : from); i++) {
                    if (whole.matcher(lines[i]).find()) {
                        return "line " + (i + 1) + ": ";
                    }
                }
            }
        }
        return "";
    }

    /** What to look for in the file for a failed step, most specific first; {@code reason}: why it failed. */
    private static List<String> needles(String step, String reason) {
        List<String> needles = new ArrayList<>();
        String inner = step.strip();
        needles.add(inner);
        for (Matcher wrapped = WRAPPED_STEP.matcher(inner); wrapped.matches(); wrapped = WRAPPED_STEP.matcher(inner)) {
            inner = wrapped.group(1).strip();
            needles.add(inner);
        }
        List<String> values = new ArrayList<>();
        for (String token : topLevelTokens(inner)) {
            int colon = token.indexOf(':');
            if (colon > 0 && token.substring(0, colon).matches("\\w+") && colon < token.length() - 1) {
                values.add(token.substring(colon + 1));
            }
        }
        values.stream()
                .filter(value -> reason.contains(identifier(value)))
                .sorted(java.util.Comparator.comparingInt(value -> reason.indexOf(identifier(value))))
                .forEach(needles::add);
        needles.addAll(values);
        needles.removeIf(String::isBlank);
        return needles;
    }

    /** The name a value starts with: {@code describe} of {@code describe(${headers})}. */
    private static String identifier(String value) {
        return value.split("[^\\w.-]", 2)[0];
    }

    /** The text split at spaces outside brackets, braces and parentheses. */
    private static List<String> topLevelTokens(String text) {
        List<String> tokens = new ArrayList<>();
        int depth = 0;
        StringBuilder token = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            if (c == ' ' && depth == 0) {
                tokens.add(token.toString());
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        tokens.add(token.toString());
        return tokens;
    }

    private String relative(Path file) {
        return directory.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }

    private static boolean watched(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".sql"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
