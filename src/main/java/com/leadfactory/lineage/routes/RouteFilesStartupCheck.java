package com.leadfactory.lineage.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Route files loaded from a directory ({@code lineage.routes.location=file:...}, e.g. {@code ./routes} beside the
 * jar) are checked before Camel builds them, as {@code RouteWiringTest} checks the packaged copy and the reloader
 * checks an edit: a {@code direct:} endpoint no route consumes, a statement the database does not prepare, a
 * bean, method, SQL file or class that does not exist, a Simple expression that does not parse, a route id two files declare. Any of them stops start-up
 * with every problem's file and line. Without this, a misspelt {@code direct:} endpoint or a broken statement
 * started a "ready" instance whose endpoint answered 500 on every call (camel-sql and the direct component only
 * find out on the first exchange). Runs once every bean exists (Flyway has migrated) and before the routes load.
 */
@Component
class RouteFilesStartupCheck implements SmartInitializingSingleton {

    private final String location;
    private final ApplicationContext beans;
    private final ObjectProvider<DataSource> dataSource;

    RouteFilesStartupCheck(
            @Value("${lineage.routes.location}") String location,
            ApplicationContext beans,
            ObjectProvider<DataSource> dataSource) {
        this.location = location;
        this.beans = beans;
        this.dataSource = dataSource;
    }

    @Override
    public void afterSingletonsInstantiated() {
        requireRouteFiles();
        Path directory = location.startsWith("file:") ? Path.of(location.substring("file:".length())) : null;
        if (directory == null || !Files.isDirectory(directory)) {
            return; // the packaged copy: RouteWiringTest checked it when it was built
        }
        List<String> problems;
        try {
            problems = RouteFilesCheck.problems(
                    directory,
                    name -> beans.containsBean(name) ? beans.getType(name) : null,
                    dataSource.getIfAvailable());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the route files in " + directory, e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The route files in " + directory.toAbsolutePath() + " do not load ("
                    + problems.size() + " problem(s)):\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * A location that holds no route file (a typo, a directory that does not exist) started an instance with the REST
     * endpoints and none of the routes behind them: ready, and a 500 for every call.
     */
    private void requireRouteFiles() {
        Resource[] files;
        try {
            files = beans.getResources(location + "/*.yaml");
        } catch (IOException e) {
            files = new Resource[0];
        }
        if (files.length == 0) {
            throw new IllegalStateException("lineage.routes.location=" + location + " holds no route files (*.yaml):"
                    + " set it to file:<the directory with the route files>, or leave it unset for ./routes when"
                    + " that directory exists and the packaged copy otherwise");
        }
    }
}
