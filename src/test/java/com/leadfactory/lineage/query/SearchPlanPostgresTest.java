package com.leadfactory.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadfactory.lineage.support.FaultDatabase;
import com.leadfactory.lineage.support.GeneratedLineage;
import com.leadfactory.lineage.support.RouteStatementPlans;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search statement of routes/sql as the route runs it, planned by PostgreSQL on a lead with 500 reports: a
 * deep page must start its index scan at the cursor, not walk the lead's newest rows and filter them
 * (docs/DESIGN-NOTES.md, "Keyset pages").
 */
class SearchPlanPostgresTest {

    private static final UUID HOT_LEAD = GeneratedLineage.HOT_LEAD;

    private static String url;

    @BeforeAll
    static void fiftyThousandReportsOfWhichFiveHundredOfOneLead() throws Exception {
        url = FaultDatabase.fresh("lineage_plan_test").migrate().url();
        try (Connection connection = connect()) {
            GeneratedLineage.insert(connection, 50_000);
        }
    }

    @Test
    void aDeepPageOfALeadStartsAtTheCursorInTheIndex() throws Exception {
        Object[] cursor = rowOfTheHotLead(400);
        Map<String, Object> search = new HashMap<>();
        search.put("lead_id", HOT_LEAD);
        search.put("after_created_at", cursor[0]);
        search.put("after_id", cursor[1]);
        search.put("fetch", 51);

        JsonNode plan = explain(search);

        String text = plan.toString();
        assertThat(text).as("the lead's index answers the page").contains("idx_lineage_lead_id");
        assertThat(text)
                .as("the cursor is an index condition, not a filter after the scan")
                .containsPattern("Index Cond[^}]*ROW\\(created_at, id\\) <");
        assertThat(plan.findValues("Rows Removed by Filter"))
                .as("rows walked and thrown away")
                .allSatisfy(removed -> assertThat(removed.asLong()).isZero());
        long buffers = plan.findValues("Shared Hit Blocks").stream()
                        .mapToLong(JsonNode::asLong)
                        .max()
                        .orElse(0)
                + plan.findValues("Shared Read Blocks").stream()
                        .mapToLong(JsonNode::asLong)
                        .max()
                        .orElse(0);
        assertThat(buffers).as("buffers read for one page of 51 rows").isLessThan(100);
    }

    @Test
    void theFirstPageStillUsesTheLeadsIndex() throws Exception {
        Map<String, Object> search = new HashMap<>();
        search.put("lead_id", HOT_LEAD);
        search.put("fetch", 51);

        JsonNode plan = explain(search);

        assertThat(plan.toString()).contains("idx_lineage_lead_id");
        assertThat(plan.findValue("Actual Rows").asLong()).isEqualTo(51);
    }

    /** The panel finds a report by its lineage id, and re-reads a record's access count, with this search. */
    @Test
    void aLineageIdIsAnsweredByThePrimaryKey() throws Exception {
        Object[] row = rowOfTheHotLead(250);
        Map<String, Object> search = new HashMap<>();
        search.put("lineage_id", row[1]);
        search.put("fetch", 51);

        JsonNode plan = explain(search);

        assertThat(plan.toString()).as("one index lookup, not a scan").contains("report_lineage_pkey");
        assertThat(plan.findValue("Actual Rows").asLong()).isEqualTo(1);
        assertThat(plan.findValues("Rows Removed by Filter"))
                .allSatisfy(removed -> assertThat(removed.asLong()).isZero());
    }

    private static Object[] rowOfTheHotLead(int offset) throws Exception {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT created_at, id FROM report_lineage"
                        + " WHERE lead_id = ? ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")) {
            select.setObject(1, HOT_LEAD);
            select.setInt(2, offset);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return new Object[] {row.getObject(1, java.time.OffsetDateTime.class), row.getObject(2)};
            }
        }
    }

    /** EXPLAIN of the statement as the route prepares and binds it (its optional filters folded). */
    private static JsonNode explain(Map<String, Object> search) throws Exception {
        try (Connection connection = connect()) {
            return RouteStatementPlans.explain(connection, "select-lineage-page.sql", search);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(url, "postgres", "");
    }
}
