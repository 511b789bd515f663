package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.SourceData;
import com.leadfactory.lineage.support.TestDatabases;
import com.leadfactory.lineage.support.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * lineage.routes.reload=true on a copy of routes/ in a temporary directory: edits of SQL and YAML files reach
 * the running service without a restart, and a broken edit is reported while the last good routes keep serving.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lineage.demo.enabled=false", "lineage.reconcile.enabled=false", "lineage.routes.reload=true"})
class RouteReloadTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Path ROUTES = copyOfRoutes();

    @DynamicPropertySource
    static void routesAndDatabase(DynamicPropertyRegistry registry) {
        registry.add("lineage.routes.location", () -> "file:" + ROUTES);
        registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("lineage_route_reload"));
        registry.add("spring.datasource.username", () -> "sa");
    }

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ModelCamelContext camelContext;

    @BeforeEach
    void oneCapturedReport() throws Exception {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM report_lineage", Integer.class) == 0) {
            String completion = new ObjectMapper().writeValueAsString(new SourceData(jdbc).report());
            producer.sendBodyAndHeader("direct:capture-lineage", completion, "LineageCaptureSource", "http");
        }
    }

    @Test
    void anEditedStatementIsRunByTheNextRequest() {
        assertThat(stats()).contains("\"http\":1");

        replace(
                "sql/select-lineage-count-by-source.sql",
                "SELECT capture_source, COUNT(*) AS captured",
                "SELECT 'edited-' || capture_source AS capture_source, COUNT(*) AS captured");

        Await.until("the stats route runs the edited statement", BOUND, () -> stats().contains("\"edited-http\":1"));
    }

    @Test
    void anEditedStatementReadThroughADynamicEndpointIsRunToo() {
        String lineageId = jdbc.queryForObject("SELECT CAST(id AS VARCHAR) FROM report_lineage LIMIT 1", String.class);
        assertThat(logs(lineageId)).doesNotContain("edited");

        replace("sql/select-lineage-logs.sql", "       pipeline_logs_gzip,", "       NULL AS pipeline_logs_gzip,");
        replace(
                "sql/select-lineage-logs.sql",
                "CASE WHEN pipeline_logs_gzip IS NULL THEN pipeline_logs END AS pipeline_logs",
                "'[\"edited\"]' AS pipeline_logs");

        Await.until(
                "the logs route runs the edited statement",
                BOUND,
                () -> logs(lineageId).contains("edited"));
    }

    @Test
    void aBrokenRouteFileIsReportedAndTheLastGoodRoutesKeepServing(CapturedOutput output) {
        // not YAML at all: refused by the parser
        replace("lineage-stats.yaml", "        - to: \"sql:", "        - to: [\"sql:");
        Await.until(
                "the broken lineage-stats.yaml is reported",
                BOUND,
                () -> output.getOut().contains("Route file lineage-stats.yaml was NOT reloaded"));
        assertThat(output.getOut()).containsPattern("lineage-stats.yaml, line \\d+, column \\d+");
        assertThat(stats()).contains("captured_total");

        // valid YAML, but an endpoint that cannot be created: refused when the route is built
        replace("lineage-stats.yaml", "        - to: [\"sql:", "        - to: \"sql:");
        replace("lineage-stats.yaml", "outputHeader=bySource", "outputHeader=bySource&noSuchOption=1");
        Await.until(
                "the unknown endpoint option is reported",
                BOUND,
                () -> output.getOut().contains("noSuchOption"));
        assertThat(output.getOut())
                .containsPattern(
                        "Route file lineage-stats.yaml was NOT reloaded; .* line \\d+: Failed to create route");
        assertThat(stats()).contains("captured_total");

        // and a good edit after the broken ones is picked up
        replace("lineage-stats.yaml", "outputHeader=bySource&noSuchOption=1", "outputHeader=bySource");
        replace("lineage-stats.yaml", "# GET /api/lineage/stats ", "# GET /api/lineage/stats (edited) ");
        Await.until(
                "lineage-stats.yaml is reloaded", BOUND, () -> output.getOut().contains("Reloaded lineage-stats.yaml"));
        assertThat(stats()).contains("captured_total");
    }

    @Test
    void aRouteIdAnotherFileDeclaresIsRefusedAndTheOtherFilesRouteKeepsServing(CapturedOutput output) {
        String hijack = read("session-api.yaml") + """
                - route:
                    id: templates-http
                    from:
                      uri: direct:templates-http
                      steps:
                        - setBody:
                            constant: "hijacked"
                """;
        whileWritten("session-api.yaml", hijack, () -> {
            Await.until(
                    "the duplicate route id is reported",
                    BOUND,
                    () -> output.getOut().contains("Route file session-api.yaml was NOT reloaded"));
            assertThat(output.getOut())
                    .contains("session-api.yaml, line " + lineOf(hijack, "id: templates-http")
                            + ": route id templates-http is already the id of a route of templates-api.yaml (line "
                            + lineOf(read("templates-api.yaml"), "id: templates-http") + ")");
            assertThat(camelContext
                            .getRoute("templates-http")
                            .getSourceResource()
                            .getLocation())
                    .endsWith("templates-api.yaml");
            assertThat(camelContext.getRoute("me-http").getSourceResource().getLocation())
                    .endsWith("session-api.yaml");
        });
    }

    @Test
    void aMisspeltDirectEndpointIsRefusedWithFileAndLine(CapturedOutput output) {
        String misspelt = read("lineage-stats.yaml").replace("- to: direct:respond-json", "- to: direct:respond-jsonn");
        whileWritten("lineage-stats.yaml", misspelt, () -> {
            Await.until(
                    "the misspelt direct: endpoint is reported",
                    BOUND,
                    () -> output.getOut().contains("direct:respond-jsonn is consumed by no route"));
            assertThat(output.getOut())
                    .contains("Route file lineage-stats.yaml was NOT reloaded; its last good version keeps serving."
                            + " lineage-stats.yaml, line " + lineOf(misspelt, "direct:respond-jsonn")
                            + ": direct:respond-jsonn is consumed by no route");
            assertThat(stats()).contains("captured_total");
        });
    }

    @Test
    void aSimpleExpressionThatDoesNotParseIsRefusedWithFileAndLine(CapturedOutput output) {
        String broken = read("templates-api.yaml").replace("method: \"list(${body})\"", "method: \"list(${body)\"");
        whileWritten("templates-api.yaml", broken, () -> {
            Await.until(
                    "the broken expression is reported",
                    BOUND,
                    () -> output.getOut().contains("Route file templates-api.yaml was NOT reloaded"));
            assertThat(output.getOut())
                    .contains("templates-api.yaml, line " + lineOf(broken, "list(${body)")
                            + ": Simple expression list(${body) does not parse");
            assertThat(templates()).contains("templates");
        });
    }

    @Test
    void aStatementWhoseParameterBreaksTheConventionIsRefusedWithFileAndLine(CapturedOutput output) {
        String file = "sql/select-template-summaries.sql";
        String header = read(file).replace("ORDER BY", "WHERE template_version_id <> :#excluded\nORDER BY");
        whileWritten(file, header, () -> {
            Await.until(
                    "the parameter is reported",
                    BOUND,
                    () -> output.getOut().contains("SQL file " + file + " was NOT reloaded"));
            assertThat(output.getOut())
                    .contains("SQL file " + file + " was NOT reloaded; its last good version keeps serving. " + file
                            + ", line " + lineOf(header, ":#excluded") + ": parameters must be");
            assertThat(templates()).contains("templates");
        });
    }

    @Test
    void aStatementTheDatabaseDoesNotPrepareIsRefusedWithFileAndLine(CapturedOutput output) {
        String file = "sql/select-completed-report-coverage.sql";
        String broken = read(file).replace("WHERE g.status = 'completed'", "WHERE g.status = = 'completed'");
        whileWritten(file, broken, () -> {
            Await.until(
                    "the broken statement is reported",
                    BOUND,
                    () -> output.getOut().contains("SQL file " + file + " was NOT reloaded"));
            assertThat(output.getOut())
                    .contains("SQL file " + file + " was NOT reloaded; its last good version keeps serving. " + file
                            + ", line " + lineOf(broken, "= = 'completed'") + ": ");
            assertThat(stats()).contains("captured_total");
        });
    }

    @Test
    void aRenamedRouteReplacesItsOldSelf(CapturedOutput output) {
        String original = read("templates-api.yaml");
        String renamed = original.replace("    id: templates-tx\n", "    id: templates-tx-renamed\n");
        assertThat(renamed).isNotEqualTo(original);
        write("templates-api.yaml", renamed);
        try {
            Await.until(
                    "the renamed route is loaded",
                    BOUND,
                    () -> output.getOut()
                            .contains("Reloaded templates-api.yaml: routes [templates-http, templates-tx-renamed]"));
            assertThat(camelContext.getRoute("templates-tx")).isNull();
            assertThat(camelContext.getRouteController().getRouteStatus("templates-tx-renamed"))
                    .isEqualTo(ServiceStatus.Started);
            assertThat(templates()).contains("\"templates\"");
            assertEveryRouteStarted();
        } finally {
            write("templates-api.yaml", original);
            Await.until("the original name is back", BOUND, () -> camelContext.getRoute("templates-tx") != null);
            Await.until(
                    "the renamed route is gone", BOUND, () -> camelContext.getRoute("templates-tx-renamed") == null);
        }
    }

    @Test
    void aRouteThatFailsToStartLeavesNothingBehind(CapturedOutput output) {
        // valid and wired, but direct:me-http already has its consumer in session-api.yaml: it cannot start
        String second = read("templates-api.yaml") + """
                - route:
                    id: templates-second-consumer
                    from:
                      uri: direct:me-http
                      steps:
                        - setBody:
                            constant: "second"
                """;
        whileWritten("templates-api.yaml", second, () -> {
            Await.until(
                    "the route that cannot start is reported",
                    BOUND,
                    () -> output.getOut().contains("Failed to start route: templates-second-consumer"));
            Await.until(
                    "the last good templates-api.yaml is back, every route started",
                    BOUND,
                    () -> camelContext.getRoute("templates-second-consumer") == null
                            && camelContext.getRoute("templates-tx") != null
                            && everyRouteStarted());
            assertThat(camelContext.getRouteDefinition("templates-second-consumer"))
                    .isNull();
            assertThat(templates()).contains("\"templates\"");
        });
    }

    private void assertEveryRouteStarted() {
        assertThat(camelContext.getRoutes())
                .allSatisfy(
                        route -> assertThat(camelContext.getRouteController().getRouteStatus(route.getRouteId()))
                                .as(route.getRouteId())
                                .isEqualTo(ServiceStatus.Started));
    }

    private boolean everyRouteStarted() {
        return camelContext.getRoutes().stream()
                .allMatch(route ->
                        camelContext.getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started);
    }

    private String templates() {
        return producer.requestBody("direct:templates-http", null, String.class);
    }

    private String stats() {
        return producer.requestBody("direct:lineage-stats", null, String.class);
    }

    private String logs(String lineageId) {
        Exchange exchange =
                producer.send("direct:logs-http", e -> e.getMessage().setHeader("lineage_id", lineageId));
        return exchange.getMessage().getBody(String.class);
    }

    private static void replace(String file, String from, String to) {
        Path path = ROUTES.resolve(file);
        try {
            String text = Files.readString(path);
            assertThat(text).as(file).contains(from);
            Files.writeString(path, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code check} while {@code file} holds {@code edited}, then puts the file back as it was. */
    private static void whileWritten(String file, String edited, Runnable check) {
        String original = read(file);
        assertThat(edited).as("the edit of %s", file).isNotEqualTo(original);
        write(file, edited);
        try {
            check.run();
        } finally {
            write(file, original);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(ROUTES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String file, String text) {
        try {
            Files.writeString(ROUTES.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }

    static Path copyOfRoutes() {
        try {
            return TestFiles.copyToTemporaryDirectory(Path.of("routes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
