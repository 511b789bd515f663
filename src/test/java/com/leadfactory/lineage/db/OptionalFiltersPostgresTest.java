package com.leadfactory.lineage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.FaultDatabase;
import com.leadfactory.lineage.support.GeneratedLineage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Folding the optional filters of routes/sql (docs/DESIGN-NOTES.md, "Optional filters folded before preparing")
 * changes how PostgreSQL plans a statement, never what it answers: the search and audit statements, folded and
 * whole, return the same rows for hundreds of combinations of filters; and a folded search page keeps its index
 * and its cursor under a generic plan, which the whole statement cannot.
 */
class OptionalFiltersPostgresTest {

    private static final Path LINEAGE_PAGE = Path.of("routes/sql/select-lineage-page.sql");
    private static final Path AUDIT_SEARCH = Path.of("routes/sql/select-audit-search.sql");
    private static final Path AUDIT_PAGE = Path.of("routes/sql/select-audit-page.sql");

    private static CamelContext camel;
    private static String url;
    private static List<Map<String, Object>> lineage;
    private static List<Map<String, Object>> audit;

    private final ExchangePropertyParameters folding = new ExchangePropertyParameters(',');
    private final DefaultSqlPrepareStatementStrategy whole = new DefaultSqlPrepareStatementStrategy(',');

    @BeforeAll
    static void rows() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        url = FaultDatabase.fresh("lineage_fold_test").migrate().url();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            GeneratedLineage.insert(connection, 3_000);
            // audit rows over the first 300 records: three users, three actions, two outcomes, a few behalves
            statement.execute("INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at,"
                    + " outcome, on_behalf_of)"
                    + " SELECT gen_random_uuid(), l.id, (ARRAY['lookup','search','download'])[1 + i % 3],"
                    + " 'user-' || (i % 3), TIMESTAMPTZ '2026-01-01' + i * INTERVAL '7 minutes',"
                    + " (ARRAY['ok','denied'])[1 + i % 2], CASE WHEN i % 5 = 0 THEN 'crm' END"
                    + " FROM generate_series(1, 2000) AS i"
                    + " JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM report_lineage) l"
                    + " ON l.n = 1 + i % 300");
            statement.execute("ANALYZE");
            lineage = select(
                    connection,
                    "SELECT id, lead_id, pipeline_run_id, template_version_id, pdf_sha256,"
                            + " created_at FROM report_lineage ORDER BY random() LIMIT 200");
            audit = select(
                    connection,
                    "SELECT id, lineage_id, action, user_id, outcome, on_behalf_of, accessed_at"
                            + " FROM report_lineage_audit ORDER BY random() LIMIT 200");
        }
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void aSearchPageAnswersTheSameRowsFoldedAsWhole() throws Exception {
        Random random = new Random(7);
        List<String> filters = List.of("lead_id", "pipeline_run_id", "template_version_id", "pdf_sha256", "lineage_id");
        int nonEmpty = 0;
        try (Connection connection = connect()) {
            for (int i = 0; i < 300; i++) {
                Map<String, Object> row = lineage.get(random.nextInt(lineage.size()));
                Map<String, Object> search = new HashMap<>();
                for (String filter : filters) {
                    if (random.nextInt(3) == 0) {
                        search.put(filter, row.get(filter.equals("lineage_id") ? "id" : filter));
                    }
                }
                if (random.nextBoolean()) {
                    search.put("lead_id", GeneratedLineage.HOT_LEAD);
                }
                timeWindowAndCursor(random, search, (OffsetDateTime) row.get("created_at"), row.get("id"));
                search.put("fetch", 1 + random.nextInt(60));

                List<Object> folded = run(connection, LINEAGE_PAGE, search, folding);
                assertThat(folded).as("search %s", search).isEqualTo(run(connection, LINEAGE_PAGE, search, whole));
                nonEmpty += folded.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("combinations that found rows").isGreaterThan(100);
    }

    @Test
    void anAuditSearchAndARecordsTrailAnswerTheSameRowsFoldedAsWhole() throws Exception {
        Random random = new Random(11);
        List<String> filters = List.of("user_id", "on_behalf_of", "action", "outcome", "lineage_id");
        int nonEmpty = 0;
        try (Connection connection = connect()) {
            for (int i = 0; i < 300; i++) {
                Map<String, Object> row = audit.get(random.nextInt(audit.size()));
                Map<String, Object> search = new HashMap<>();
                for (String filter : filters) {
                    if (random.nextInt(3) == 0) {
                        search.put(filter, row.get(filter));
                    }
                }
                timeWindowAndCursor(random, search, (OffsetDateTime) row.get("accessed_at"), row.get("id"));
                search.put("fetch", 1 + random.nextInt(60));

                List<Object> folded = run(connection, AUDIT_SEARCH, search, folding);
                assertThat(folded)
                        .as("audit search %s", search)
                        .isEqualTo(run(connection, AUDIT_SEARCH, search, whole));
                nonEmpty += folded.isEmpty() ? 0 : 1;

                search.put("lineage_id", row.get("lineage_id"));
                assertThat(run(connection, AUDIT_PAGE, search, folding))
                        .as("trail %s", search)
                        .isEqualTo(run(connection, AUDIT_PAGE, search, whole));
            }
        }
        assertThat(nonEmpty).as("combinations that found rows").isGreaterThan(100);
    }

    /**
     * PostgreSQL may plan a prepared statement once, without its values (a generic plan), whenever it judges
     * that as good as planning each execution. The whole statement's generic plan cannot use an index for a
     * filter that may be off; the folded statement's is the plan a page needs.
     */
    @Test
    void aFoldedPageKeepsItsIndexAndCursorUnderAGenericPlan() throws Exception {
        Map<String, Object> search = new HashMap<>();
        search.put("lead_id", GeneratedLineage.HOT_LEAD);
        search.put("after_created_at", OffsetDateTime.now());
        search.put("after_id", UUID.randomUUID());
        search.put("fetch", 51);
        Exchange exchange = exchange(search);
        String query = query(LINEAGE_PAGE);

        String folded = genericPlan(folding.prepareQuery(query, true, exchange));
        String unfolded = genericPlan(whole.prepareQuery(query, true, exchange));

        assertThat(folded).contains("idx_lineage_lead_id").containsPattern("Index Cond[^\n]*created_at, id\\) <");
        assertThat(folded).doesNotContain("Seq Scan on report_lineage");
        assertThat(unfolded).as("the whole statement's generic plan").doesNotContain("idx_lineage_lead_id");
    }

    private static void timeWindowAndCursor(Random random, Map<String, Object> search, OffsetDateTime at, Object id) {
        if (random.nextInt(4) == 0) {
            search.put("from", at.minusDays(random.nextInt(3)));
        }
        if (random.nextInt(4) == 0) {
            search.put("to", at.plusDays(random.nextInt(3)));
        }
        if (random.nextBoolean()) {
            search.put("after_created_at", at.plusMinutes(random.nextInt(600)));
            search.put("after_id", id);
        }
    }

    /** The ids a statement answers, prepared and bound by {@code strategy} as camel-sql would. */
    private List<Object> run(
            Connection connection, Path file, Map<String, Object> search, DefaultSqlPrepareStatementStrategy strategy)
            throws Exception {
        Exchange exchange = exchange(search);
        String query = query(file);
        String prepared = strategy.prepareQuery(query, true, exchange);
        int markers = (int) prepared.chars().filter(c -> c == '?').count();
        List<Object> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(prepared)) {
            Iterator<?> values = strategy.createPopulateIterator(query, prepared, markers, exchange, null);
            strategy.populateStatement(statement, values, markers);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject("id"));
                }
            }
        }
        return ids;
    }

    /** The plan PostgreSQL makes for a statement without its values; the parameters' types are given. */
    private static String genericPlan(String prepared) throws Exception {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : prepared.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        StringBuilder plan = new StringBuilder();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE page AS " + numbered);
            String nulls = String.join(", ", java.util.Collections.nCopies(n, "NULL"));
            try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE page(" + nulls + ")")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static Exchange exchange(Map<String, Object> search) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("search", search);
        return exchange;
    }

    private static String query(Path file) throws Exception {
        return Files.readString(file).replace(":#", ":?");
    }

    private static List<Map<String, Object>> select(Connection connection, String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    if (value instanceof java.sql.Timestamp) {
                        value = result.getObject(i, OffsetDateTime.class);
                    }
                    row.put(result.getMetaData().getColumnLabel(i), value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(url, "postgres", "");
    }
}
