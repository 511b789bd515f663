package com.leadfactory.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenLineage delivery while the database is away (its connections refused and cut, on a database of this test's
 * own): one WARN when delivery stops for it, one INFO when it answers again, and no stack trace from the delivery
 * timer at every look in between (which flooded the log: one every poll-interval plus connection timeout).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.openlineage.enabled=true",
            "lineage.openlineage.url=http://127.0.0.1:9/api/v1/lineage",
            "lineage.openlineage.poll-interval=200ms",
            "spring.datasource.hikari.connection-timeout=1000",
        })
class OpenLineageDatabaseOutagePostgresTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String PAUSED = "OpenLineage delivery paused: the database does not answer";
    private static final String RESUMED = "OpenLineage delivery resumed: the database answers again";
    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", OpenLineageDatabaseOutagePostgresTest::database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String database() {
        if (url == null) {
            url = TestDatabases.freshPostgres("lineage_openlineage_outage_test");
        }
        return url;
    }

    @Test
    void anOutageIsOneWarnAndOneInfoNotAStackTraceEveryLook(CapturedOutput output) throws Exception {
        String name = url.substring(url.lastIndexOf('/') + 1);
        int before = output.getOut().length();
        try {
            admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            Await.until("delivery says it paused", BOUND, () -> output.getOut().contains(PAUSED));
            // several more looks (each waits out the 1 s connection timeout) while the database stays away
            Thread.sleep(5_000);
        } finally {
            admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
        }
        Await.until("delivery says it resumed", BOUND, () -> output.getOut().contains(RESUMED));

        String during = output.getOut().substring(before);
        assertThat(occurrences(during, PAUSED)).isEqualTo(1);
        assertThat(occurrences(during, RESUMED)).isEqualTo(1);
        // the delivery timer's thread ("... timer://deliver-openlineage-events", cut to its last 15 characters)
        assertThat(during.lines().filter(line -> line.contains("[nlineage-events]")))
                .as("log lines of the delivery timer while the database was away")
                // its own WARN is among them: the thread name still matches, so noneMatch looks at real lines
                .anyMatch(line -> line.contains(PAUSED))
                .noneMatch(line -> line.contains("Error processing exchange"));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = TestDatabases.admin();
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
