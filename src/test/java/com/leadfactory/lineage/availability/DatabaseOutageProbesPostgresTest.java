package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.Http;
import com.leadfactory.lineage.support.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The probes while the database is away (its connections refused and cut, on a database of this test's own):
 * readiness and health go 503, liveness stays 200 so the platform does not restart a process that would come
 * back by itself, and readiness returns when the database does.
 */
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.security.clients[0].name=probe-viewer",
            "lineage.security.clients[0].api-key=" + DatabaseOutageProbesPostgresTest.KEY,
            "lineage.security.clients[0].roles=viewer",
        })
class DatabaseOutageProbesPostgresTest {

    static final String KEY = "probe-viewer-key-0123456789";
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static String url;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DatabaseOutageProbesPostgresTest::database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String database() {
        if (url == null) {
            url = TestDatabases.freshPostgres("lineage_probe_test");
        }
        return url;
    }

    @Test
    void livenessStaysUpWhileTheDatabaseIsAwayAndReadinessFollowsTheDatabase(CapturedOutput output)
            throws SQLException {
        assertThat(Http.status(port, "/actuator/health/readiness")).isEqualTo(200);
        // reads in parallel leave the pool holding several connections, which the outage below breaks under it:
        // the next reads meet a broken connection (a statement and its rollback fail) as well as a refused one
        java.util.List<java.util.concurrent.CompletableFuture<Integer>> warm = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            warm.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> Http.get(
                            port,
                            "/api/lineage/search?lead_id=" + java.util.UUID.randomUUID(),
                            Map.of("X-API-Key", KEY))
                    .status()));
        }
        assertThat(warm.stream().map(java.util.concurrent.CompletableFuture::join))
                .containsOnly(200);
        String name = url.substring(url.lastIndexOf('/') + 1);
        try {
            admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            // at once, while the pool still hands out the connections just used without checking them
            for (int read = 0; read < 3; read++) {
                Http.Answer search = Http.get(
                        port, "/api/lineage/search?lead_id=" + java.util.UUID.randomUUID(), Map.of("X-API-Key", KEY));
                assertThat(search.status())
                        .as("a read while the database is away: retry, not a server bug")
                        .isEqualTo(503);
                assertThat(search.body()).contains("database-unavailable");
                assertThat(search.header("Retry-After")).isNotNull();
            }

            Await.until("readiness answers 503", BOUND, () -> Http.status(port, "/actuator/health/readiness") == 503);
            Http.Answer readiness = Http.get(port, "/actuator/health/readiness", Map.of("X-API-Key", KEY));
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"db\":{\"status\":\"DOWN\"");
            assertThat(Http.get(port, "/actuator/health", Map.of()).status()).isEqualTo(503);
            for (int probe = 0; probe < 3; probe++) {
                assertThat(Http.status(port, "/actuator/health/readiness")).isEqualTo(503);
            }
            assertThat(output.getOut())
                    .as("one line an operator can act on, not a stack trace at every probe")
                    .doesNotContain("DataSource health check failed")
                    .doesNotContainPattern("(?s)Readiness: the database does not answer.*Readiness: the database"
                            + " does not answer");
            assertThat(output.getOut())
                    .containsPattern("WARN .*Readiness: the database does not answer \\(.*not currently accepting"
                            + " connections");
            for (int probe = 0; probe < 3; probe++) {
                Http.Answer liveness = Http.get(port, "/actuator/health/liveness", Map.of("X-API-Key", KEY));
                assertThat(liveness.status())
                        .as("liveness without the database")
                        .isEqualTo(200);
                assertThat(liveness.body()).doesNotContain("\"db\"");
            }
        } finally {
            admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
        }
        Await.until(
                "readiness is back with the database",
                BOUND,
                () -> Http.status(port, "/actuator/health/readiness") == 200);
        assertThat(output.getOut()).containsPattern("INFO .*Readiness: the database answers again after \\d+ s");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = TestDatabases.admin();
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
