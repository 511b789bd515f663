package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.LineagePanelApplication;
import com.leadfactory.lineage.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /**
     * The file, the text changed in it, what it becomes, the text that marks the changed line, and what the failure
     * says after "file, line N: ".
     */
    static Stream<Arguments> brokenWiring() {
        return Stream.of(
                Arguments.of(
                        "a misspelt direct: endpoint",
                        "templates-api.yaml",
                        "- to: direct:templates-tx\n",
                        "- to: direct:templates-txx\n",
                        "direct:templates-txx",
                        "direct:templates-txx is consumed by no route"),
                Arguments.of(
                        "a statement the database does not prepare",
                        "sql/select-template-summaries.sql",
                        "SELECT template_version_id, report_count",
                        "SELEC template_version_id, report_count",
                        "SELEC ",
                        ""),
                Arguments.of(
                        "a Simple expression that does not parse",
                        "templates-api.yaml",
                        "method: \"list(${body})\"",
                        "method: \"list(${body)\"",
                        "list(${body)",
                        "Simple expression list(${body) does not parse"),
                Arguments.of(
                        "a statement parameter a client header could fill",
                        "sql/select-template-summaries.sql",
                        "FROM report_template_summary",
                        "FROM report_template_summary WHERE template_version_id <> :#excluded",
                        ":#excluded",
                        "parameters must be :#${exchangeProperty.name}"),
                Arguments.of(
                        "a bean that does not exist",
                        "templates-api.yaml",
                        "ref: templateSummaries",
                        "ref: templateSummariez",
                        "templateSummariez",
                        "no bean named templateSummariez"));
    }

    @ParameterizedTest(name = "{0} stops start-up with file and line")
    @MethodSource("brokenWiring")
    void brokenWiringStopsStartUpWithFileAndLine(
            String what, String file, String from, String to, String marker, String says) throws IOException {
        Path routes = RouteReloadTest.copyOfRoutes();
        String edited = edit(routes, file, from, to);

        start(routes)
                .satisfies(failure -> assertThat(RouteFileReloader.describe(failure))
                        .contains(file + ", line " + RouteReloadTest.lineOf(edited, marker) + ": " + says));
    }

    @Test
    void aLocationWithoutRouteFilesStopsStartUpNamingTheSetting() {
        // a typo here started a ready instance with the REST endpoints and no route behind them: 500 on every call
        assertThatThrownBy(() -> new SpringApplicationBuilder(LineagePanelApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + TestDatabases.h2Memory("lineage_no_route_files"),
                                "--spring.datasource.username=sa",
                                "--lineage.demo.enabled=false",
                                "--lineage.reconcile.enabled=false",
                                "--lineage.routes.location=classpath:rotes")
                        .close())
                .satisfies(failure -> assertThat(RouteFileReloader.describe(failure))
                        .contains("lineage.routes.location=classpath:rotes holds no route files (*.yaml)"));
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
