package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.routes.RouteWiring.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wiring checks on route snippets that are wrong on purpose: each mistake is found, with file and line. */
class RouteWiringCheckTest {

    /** JsonColumns as it was after "Remove two unused helpers": every method but isPostgres. */
    static class JsonColumnsWithoutIsPostgres {
        public Object bind(String json) {
            return json;
        }

        public String textOrNull(Object column) {
            return String.valueOf(column);
        }
    }

    @Test
    void catchesTheRemovedMethodThatBrokeTheBuild() throws IOException {
        String retention = Files.readString(RouteWiringTest.ROUTES.resolve("retention.yaml"));
        Map<String, Class<?>> beans = Map.of(
                "jsonColumns", JsonColumnsWithoutIsPostgres.class,
                "retentionRun", Object.class,
                "lineageStats", Object.class);

        List<Finding> findings =
                RouteWiring.check(Map.of("retention.yaml", retention), beans::get, RouteWiringTest.sqlFiles());

        assertThat(findings)
                .extracting(Finding::toString)
                .anySatisfy(finding -> assertThat(finding)
                        .startsWith(
                                "retention.yaml:" + lineOf(retention, "${bean:jsonColumns?method=isPostgres}") + ": ")
                        .contains("jsonColumns", "has no public method isPostgres"));
        assertThat(RouteWiring.check(
                        Map.of("retention.yaml", retention),
                        Map.<String, Class<?>>of("jsonColumns", JsonColumns.class)::get,
                        RouteWiringTest.sqlFiles()))
                .extracting(Finding::problem)
                .as("with the real JsonColumns, isPostgres is found")
                .noneMatch(problem -> problem.contains("isPostgres"));
    }

    @Test
    void findsMissingBeansWrongAritiesMissingSqlFilesDirectEndpointsAndClasses() {
        String yaml = """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - bean:
                            ref: noSuchBean
                            method: anything
                        - setBody:
                            method:
                              ref: jsonColumns
                              method: "bind(${body}, ${header.extra})"
                        - to: "sql:{{lineage.routes.sql}}/no-such-statement.sql?outputType=SelectOne"
                        - to: direct:nobody-listens
                        - throwException:
                            exceptionType: com.leadfactory.lineage.web.NoSuchException
                        - split:
                            simple: "${body}"
                            aggregationStrategy: missingStrategy
                """;

        List<Finding> findings = RouteWiring.check(
                Map.of("broken.yaml", yaml),
                Map.<String, Class<?>>of("jsonColumns", JsonColumns.class)::get,
                Set.of("insert-audit-row.sql"));

        assertThat(findings)
                .extracting(Finding::toString)
                .containsExactlyInAnyOrder(
                        "broken.yaml:7: no bean named noSuchBean",
                        "broken.yaml:12: bean jsonColumns (" + JsonColumns.class.getName()
                                + ") has no method bind taking 2 argument(s); it has [bind/1]",
                        "broken.yaml:13: SQL file no-such-statement.sql is not in routes/sql",
                        "broken.yaml:14: direct:nobody-listens is consumed by no route",
                        "broken.yaml:16: class com.leadfactory.lineage.web.NoSuchException does not exist",
                        "broken.yaml:19: no bean named missingStrategy");
    }

    @Test
    void findsSimpleExpressionsThatDoNotParse() {
        String yaml = """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - setBody:
                            method:
                              ref: jsonColumns
                              method: "bind(${body)"
                        - filter:
                            simple: "${header.x} == 'y' && ${header.z"
                        - log: "done ${body} and ${"
                        - setHeader:
                            name: fine
                            simple: "${exchangeProperty.a[b]} == 'c' ? $${not.simple}"
                """;

        List<Finding> findings = RouteWiring.check(
                Map.of("broken.yaml", yaml), Map.<String, Class<?>>of("jsonColumns", JsonColumns.class)::get, Set.of());

        assertThat(findings)
                .extracting(Finding::toString)
                .containsExactlyInAnyOrder(
                        "broken.yaml:9: Simple expression bind(${body) does not parse:"
                                + " expected symbol functionEnd but was eol (at character 12)",
                        "broken.yaml:11: Simple expression ${header.x} == 'y' && ${header.z does not parse:"
                                + " expected symbol functionEnd but was eol (at character 32)",
                        "broken.yaml:12: Simple expression done ${body} and ${ does not parse:"
                                + " expected symbol functionEnd but was eol (at character 18)");
    }

    @Test
    void countsArgumentsAsCamelReadsThem() {
        assertThat(RouteWiring.arguments("")).isZero();
        assertThat(RouteWiring.arguments("${body}")).isEqualTo(1);
        assertThat(RouteWiring.arguments("'lineage_id', ${header.lineage_id}")).isEqualTo(2);
        assertThat(RouteWiring.arguments("${exchangeProperty.search[a, b]}, 'x,y', ${body.f(1, 2)}"))
                .isEqualTo(3);
    }

    @Test
    void acceptsOnlyExchangePropertyParameters() {
        String sql = """
                -- :#lead_id in a comment is fine, and so is '?' in a string
                SELECT id FROM report_lineage
                WHERE lead_id = :#${exchangeProperty.lead_id}
                  AND id = :#${exchangeProperty.search[after_id]}
                  AND created_at < :#cutoff
                  AND pdf_sha256 = :#${header.sha}
                  AND template_version_id = '${literal}'::varchar
                  AND pipeline_run_id = ?
                LIMIT ${exchangeProperty.limit}
                """;

        assertThat(SqlParameterConvention.check("sql/x.sql", sql))
                .extracting(Finding::line)
                .containsExactly(5, 6, 8, 9);
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }
}
