package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadfactory.lineage.support.FaultDatabase;
import com.leadfactory.lineage.support.RouteStatementPlans;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's page statements of routes/sql as the routes run them, planned by PostgreSQL on 50,000 audit
 * rows of which 500 are one client's, 500 one record's and 50 refusals: a later page must start its index scan at the cursor,
 * not walk the newest rows of the client (or the record) again and filter them (docs/DESIGN-NOTES.md, "Keyset
 * pages"). The cursor written {@code accessed_at < :t OR (accessed_at = :t AND id < :id)} was such a filter; at a
 * million rows a later page of a frequent client walked the accessed_at index (bench/README.md, "Audit search at
 * 1,000,000 rows").
 */
class AuditSearchPlanPostgresTest {

    private static final String RARE_USER = "rare-client";
    private static final UUID BUSY_RECORD = UUID.fromString("0190f0f0-0000-7000-8000-00000000beef");

    private static String url;

    @BeforeAll
    static void fiftyThousandAuditRows() throws Exception {
        url = FaultDatabase.fresh("lineage_audit_plan_test").migrate().url();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome)"
                    + " SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,"
                    + " CASE WHEN g % 100 = 7 THEN '" + BUSY_RECORD + "'::uuid ELSE md5('r' || g)::uuid END,"
                    + " (ARRAY['lookup', 'search', 'logs', 'download'])[1 + g % 4],"
                    + " CASE WHEN g % 100 = 3 THEN '" + RARE_USER + "' ELSE 'client-' || (g % 20) END,"
                    + " TIMESTAMPTZ '2026-10-01 00:00:00+00' + g * INTERVAL '1 minute',"
                    + " CASE WHEN g % 1000 = 5 THEN 'denied' ELSE 'ok' END"
                    + " FROM generate_series(1, 50000) AS g");
            statement.execute("ANALYZE report_lineage_audit");
        }
    }

    @Test
    void aLaterPageOfOneClientStartsAtTheCursorInItsIndex() throws Exception {
        Map<String, Object> search = new HashMap<>();
        search.put("user_id", RARE_USER);
        Object[] cursor = row("user_id = ?", RARE_USER, 400);
        search.put("after_created_at", cursor[0]);
        search.put("after_id", cursor[1]);
        search.put("fetch", 51);

        JsonNode plan = explain("select-audit-search.sql", search);

        assertThat(plan.toString()).as("the client's index answers the page").contains("idx_lineage_audit_user");
        startsAtTheCursor(plan);
        assertThat(plan.findValue("Actual Rows").asLong()).isEqualTo(51);
    }

    @Test
    void aLaterPageOfOneRecordsTrailStartsAtTheCursorInItsIndex() throws Exception {
        Map<String, Object> search = new HashMap<>();
        search.put("lineage_id", BUSY_RECORD);
        Object[] cursor = row("lineage_id = ?", BUSY_RECORD, 400);
        search.put("after_created_at", cursor[0]);
        search.put("after_id", cursor[1]);
        search.put("fetch", 51);

        for (String file : new String[] {"select-audit-search.sql", "select-audit-page.sql"}) {
            JsonNode plan = explain(file, search);

            assertThat(plan.toString()).as(file).contains("idx_lineage_audit_lineage");
            startsAtTheCursor(plan);
        }
    }

    /** Refusals are what an auditor asks for by outcome, and they are rare: an index, not a read of every row (V20). */
    @Test
    void aRareOutcomeIsFoundThroughItsIndex() throws Exception {
        Map<String, Object> search = new HashMap<>();
        search.put("outcome", "denied");
        search.put("fetch", 51);

        JsonNode plan = explain("select-audit-search.sql", search);

        assertThat(plan.findParents("Relation Name").stream()
                        .filter(node -> node.path("Relation Name").asText().equals("report_lineage_audit"))
                        .map(node -> node.path("Node Type").asText() + " "
                                + node.path("Index Name").asText()))
                .as("how the audit table is read")
                .singleElement()
                .satisfies(read -> assertThat(read).startsWith("Index Scan").endsWith(" idx_lineage_audit_outcome"));
        assertThat(plan.findValue("Actual Rows").asLong()).isEqualTo(50);
    }

    private static void startsAtTheCursor(JsonNode plan) {
        assertThat(plan.toString())
                .as("the cursor is an index condition, not a filter after the scan")
                .containsPattern("Index Cond[^}]*ROW\\(accessed_at, id\\) <");
        assertThat(plan.findValues("Rows Removed by Filter"))
                .as("rows walked and thrown away")
                .allSatisfy(removed -> assertThat(removed.asLong()).isZero());
    }

    private static Object[] row(String condition, Object value, int offset) throws Exception {
        try (Connection connection = connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT accessed_at, id FROM report_lineage_audit" + " WHERE "
                                + condition + " ORDER BY accessed_at DESC, id DESC OFFSET ? LIMIT 1")) {
            select.setObject(1, value);
            select.setInt(2, offset);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new Object[] {row.getObject(1, OffsetDateTime.class), row.getObject(2)};
            }
        }
    }

    /** EXPLAIN of the statement as the route prepares and binds it (its optional filters folded). */
    private static JsonNode explain(String file, Map<String, Object> search) throws Exception {
        try (Connection connection = connect()) {
            return RouteStatementPlans.explain(connection, file, search);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(url, "postgres", "");
    }
}
