package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.leadfactory.lineage.support.ApiTestBase;
import com.leadfactory.lineage.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * lineage.audit.search-timeout on PostgreSQL: a search of the whole trail that runs longer is cancelled and answered
 * 504 audit-search-timeout, with nothing half done. What makes the search slow is deterministic, not a big table
 * and a hope: the test holds an ACCESS EXCLUSIVE lock on report_lineage (the search's left join), so the select
 * cannot finish until the lock goes, and only the timeout can end it. Its own service and database (the tiny
 * timeout).
 */
@TestPropertySource(properties = "lineage.audit.search-timeout=500ms")
// without the timeout the search waits for the lock the test holds: the test fails instead of hanging
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AuditSearchTimeoutPostgresTest extends ApiTestBase {

    private static String url;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        url = TestDatabases.freshPostgres("lineage_audit_timeout");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /** A connection of the test's own, outside the service's pool, holding report_lineage until closed. */
    private static Connection lockingTheRecords() throws SQLException {
        Connection connection = DriverManager.getConnection(url, "postgres", "");
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE report_lineage IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }

    private List<String> outcomesOf(String requestId) {
        return jdbc.queryForList(
                "SELECT action || ':' || outcome FROM report_lineage_audit WHERE request_id = ? ORDER BY accessed_at",
                String.class,
                requestId);
    }

    @Test
    void aSearchThatRunsPastTheTimeoutIsA504SayingHowToNarrowItAndLeavesOnlyTheErrorRow() throws Exception {
        String requestId = "search-timeout-" + UUID.randomUUID();
        try (Connection lock = lockingTheRecords()) {
            as(AUDITOR_KEY)
                    .header("X-Request-Id", requestId)
                    .queryParam("user_id", "nobody-" + requestId)
                    .get("/api/audit")
                    .then()
                    .statusCode(504)
                    .contentType("application/problem+json")
                    .body("type", containsString("audit-search-timeout"))
                    .body("status", equalTo(504))
                    .body("detail", containsString("500 ms (lineage.audit.search-timeout)"))
                    .body("detail", containsString("Narrow the period (from/to) or add a filter"))
                    .body("request_id", equalTo(requestId));
            lock.rollback();
        }
        // the page and its audit_search row rolled back together; the attempt is on record as an error
        assertThat(outcomesOf(requestId)).containsExactly("audit_search:error");
        assertThat(jdbc.queryForObject(
                        "SELECT details FROM report_lineage_audit WHERE request_id = ?", String.class, requestId))
                .contains("audit-search-timeout");

        // the timeout was the transaction's: the pool's connections search as before
        as(AUDITOR_KEY).queryParam("user_id", "nobody").get("/api/audit").then().statusCode(200);
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("0");
    }

    @Test
    void anExportWhoseFirstRowsDoNotComeInTimeIsA504BeforeAnyByte() throws Exception {
        String requestId = "export-timeout-" + UUID.randomUUID();
        try (Connection lock = lockingTheRecords()) {
            as(AUDITOR_KEY)
                    .header("X-Request-Id", requestId)
                    .header("Accept", "application/x-ndjson")
                    .get("/api/audit")
                    .then()
                    .statusCode(504)
                    .contentType("application/problem+json")
                    .body("type", containsString("audit-search-timeout"))
                    .body("detail", containsString("add a filter"));
            lock.rollback();
        }
        assertThat(outcomesOf(requestId)).containsExactly("audit_search:error");
        // the export's slot and connection went back: an export runs
        as(AUDITOR_KEY)
                .header("Accept", "application/x-ndjson")
                .queryParam("user_id", "nobody")
                .get("/api/audit")
                .then()
                .statusCode(200);
    }
}
