package com.leadfactory.lineage.routes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reloading of the route directory for development ({@code lineage.routes.reload=true}), on Camel's own
 * route watcher:
 *
 * <ul>
 *   <li>a changed {@code *.yaml} file replaces the routes it declares (the others keep running);
 *   <li>a changed {@code sql/*.sql} file drops the camel-sql endpoints that read it and reloads the route files
 *       that name it or compute a statement's name ({@code toD}), so the next exchange runs the new statement;
 *   <li>an edit that does not load (YAML error, unknown endpoint option, ...) is logged at ERROR with the file and
 *       the parser's line and column, and the last version that loaded is put back: the service keeps serving.
 * </ul>
 *
 * A deleted file's routes keep running until the next restart.
 */
public class RouteFileReloader extends RouteWatcherReloadStrategy {

    private static final Logger log = LoggerFactory.getLogger(RouteFileReloader.class);

    /** A {@code toD} to camel-sql whose file name is computed: it may read any statement. */
    private static final Pattern DYNAMIC_SQL = Pattern.compile("sql:[^\\s\"]*\\$\\{");

    private static final Pattern FAILED_STEP = Pattern.compile(">>> \\w+\\[(.+?)] <<<");

    private final Path directory;
    /** The content of every file as last loaded successfully, by path relative to the directory. */
    private final Map<String, String> lastGood = new TreeMap<>();

    public RouteFileReloader(Path directory) {
        super(directory.toAbsolutePath().toString(), true);
        this.directory = directory.toAbsolutePath();
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
            lastGood.put(name, content);
            reloadStatement(absolute.getFileName().toString());
        } else {
            reloadRouteFile(name, content);
        }
    }

    private void reloadRouteFile(String name, String content) {
        try {
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
     * "line N: " for a failure Camel reports at a step ({@code >>> to[uri] <<<}) rather than at a position, found by
     * the step's text in the file; empty when it cannot be found (the YAML parser's own messages carry a position).
     */
    static String stepLine(String content, Throwable failure) {
        Matcher step = FAILED_STEP.matcher(describe(failure));
        if (step.find()) {
            String[] lines = content.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(step.group(1))) {
                    return "line " + (i + 1) + ": ";
                }
            }
        }
        return "";
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
