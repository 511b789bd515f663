package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.LineagePanelApplication;
import com.leadfactory.lineage.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A route directory that would not serve stops the service at start-up, naming the file and line: a file that does
 * not parse, and (the same checks as RouteWiringTest and a reload) a misspelt {@code direct:} endpoint, a statement
 * the database does not prepare, a bean that does not exist.
 */
class BrokenRouteFileAtStartupTest {

    @Test
    void theServiceDoesNotStartAndSaysWhere() throws IOException {
        Path routes = RouteReloadTest.copyOfRoutes();
        edit(routes, "lineage-stats.yaml", "        - to: \"sql:", "        - to: [\"sql:");

        start(routes)
                .satisfies(failure -> assertThat(RouteFileReloader.describe(failure))
                        .containsPattern("lineage-stats.yaml, line \\d+, column \\d+"));
    }

    @Test
    void aMisspeltDirectEndpointStopsStartUpWithFileAndLine() throws IOException {
        Path routes = RouteReloadTest.copyOfRoutes();
        String edited =
                edit(routes, "templates-api.yaml", "- to: direct:templates-tx\n", "- to: direct:templates-txx\n");

        start(routes)
                .satisfies(failure -> assertThat(RouteFileReloader.describe(failure))
                        .contains("templates-api.yaml, line " + RouteReloadTest.lineOf(edited, "direct:templates-txx")
                                + ": direct:templates-txx is consumed by no route"));
    }

    @Test
    void aStatementTheDatabaseDoesNotPrepareStopsStartUpWithFileAndLine() throws IOException {
        Path routes = RouteReloadTest.copyOfRoutes();
        String edited = edit(
                routes,
                "sql/select-template-summaries.sql",
                "SELECT template_version_id, report_count",
                "SELEC template_version_id, report_count");

        start(routes)
                .satisfies(failure -> assertThat(RouteFileReloader.describe(failure))
                        .contains("sql/select-template-summaries.sql, line " + RouteReloadTest.lineOf(edited, "SELEC ")
                                + ": "));
    }

    @Test
    void aBeanThatDoesNotExistStopsStartUpWithFileAndLine() throws IOException {
        Path routes = RouteReloadTest.copyOfRoutes();
        String edited = edit(routes, "templates-api.yaml", "ref: templateSummaries", "ref: templateSummariez");

        start(routes)
                .satisfies(failure -> assertThat(RouteFileReloader.describe(failure))
                        .contains("templates-api.yaml, line " + RouteReloadTest.lineOf(edited, "templateSummariez")
                                + ": no bean named templateSummariez"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> start(Path routes) {
        return assertThatThrownBy(() -> new SpringApplicationBuilder(LineagePanelApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabases.h2Memory("lineage_broken_startup"),
                        "--spring.datasource.username=sa",
                        "--lineage.demo.enabled=false",
                        "--lineage.reconcile.enabled=false",
                        "--lineage.routes.location=file:" + routes)
                .close());
    }

    private static String edit(Path routes, String file, String from, String to) throws IOException {
        Path path = routes.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as(file).contains(from);
        String edited = text.replace(from, to);
        Files.writeString(path, edited);
        return edited;
    }
}
