package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How the reloader says where a failure is, on the messages Camel and the databases give. */
class RouteFileReloaderTest {

    private static final String SESSION_API = """
            # GET /api/me
            - route:
                id: me-http
                routeConfigurationId: http-problems
                from:
                  uri: direct:me-http
                  steps:
                    - setBody:
                        method:
                          ref: %s
                          method: "%s(${headers})"
                    - to: direct:respond-json
            """;

    @Test
    void findsTheLineOfAStepNestedInAnother() {
        String yaml = SESSION_API.formatted("callerInfoNope", "describe");
        Exception failure = failedToCreate(
                "SetBody[bean[ref:callerInfoNope method:describe(${headers})]]",
                "No bean could be found in the registry for: callerInfoNope");

        assertThat(RouteFileReloader.stepLine(yaml, failure)).isEqualTo("line 10: ");
    }

    @Test
    void pointsAtTheMethodWhenTheMethodIsWhatIsMissing() {
        String yaml = SESSION_API.formatted("callerInfo", "describeNope");
        Exception failure = failedToCreate(
                "SetBody[bean[ref:callerInfo method:describeNope(${headers})]]",
                "Method with name: describeNope not found on bean: callerInfo of type CallerInfo");

        assertThat(RouteFileReloader.stepLine(yaml, failure)).isEqualTo("line 11: ");
    }

    @Test
    void findsAFlatStepVerbatim() {
        String yaml = SESSION_API.formatted("callerInfo", "describe");
        Exception failure = failedToCreate("To[direct:respond-json]", "nope");

        assertThat(RouteFileReloader.stepLine(yaml, failure)).isEqualTo("line 12: ");
    }

    /** Camel's message for a route that fails when it is built: the failed step, the whole route, the reason. */
    private static Exception failedToCreate(String step, String reason) {
        return new RuntimeException(
                "Failed to create route: me-http at: >>> " + step + " <<< in route: Route(me-http)[From[direct:me-http]"
                        + " -> [" + step + ", To[direct:respond-json]]] because: " + reason,
                new IllegalArgumentException(reason));
    }

    @Test
    void readsTheLineOfAStatementErrorFromEitherDatabase() {
        String jdbc = "-- a comment\nSELECT a\nFROM t\nWHERE a = = ?";
        SQLException h2 = new SQLException("Syntax error in SQL statement \"-- a comment\\000aSELECT a\\000aFROM t"
                + "\\000aWHERE a = [*]= ?\"; expected \"ALL (, ANY (, SOME (\"; SQL statement:\n" + jdbc);
        SQLException h2Unescaped = new SQLException(
                "Syntax error in SQL statement \"" + jdbc.replace("= = ?", "= [*]= ?") + "\"; expected \"ALL\"");
        SQLException postgres =
                new SQLException("ERROR: syntax error at or near \"=\"\n  Position: " + (jdbc.indexOf("= =") + 3));

        assertThat(RouteFileReloader.sqlErrorLine(jdbc, h2)).isEqualTo(4);
        assertThat(RouteFileReloader.sqlErrorLine(jdbc, postgres)).isEqualTo(4);
        assertThat(RouteFileReloader.sqlErrorLine(jdbc, h2Unescaped)).isEqualTo(4);
        assertThat(RouteFileReloader.sqlErrorLine(jdbc, new SQLException("no position")))
                .isEqualTo(1);
        assertThat(RouteFileReloader.sqlErrorMessage(h2))
                .isEqualTo("Syntax error in SQL statement \"-- a comment SELECT a FROM t WHERE a = [*]= ?\";"
                        + " expected \"ALL (, ANY (, SOME (\"");
    }

    @Test
    void saysWhereH2FindsTheError() throws SQLException {
        String jdbc = "SELECT 1\nFROM DUAL\nWHERE 1 = = 1";
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:reloader_message")) {
            assertThatThrownBy(() -> h2.prepareStatement(jdbc)).isInstanceOfSatisfying(SQLException.class, failure -> {
                assertThat(RouteFileReloader.sqlErrorLine(jdbc, failure)).isEqualTo(3);
                assertThat(RouteFileReloader.sqlErrorMessage(failure))
                        .startsWith("Syntax error in SQL statement \"SELECT 1 FROM DUAL WHERE 1 = [*]= 1\"")
                        .doesNotContain("SQL statement:");
            });
        }
    }
}
