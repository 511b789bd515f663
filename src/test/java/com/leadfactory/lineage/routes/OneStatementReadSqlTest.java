package com.leadfactory.lineage.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a lookup and a search page are each one statement (docs/DESIGN-NOTES.md, "One statement a
 * lookup"); on H2 they are the statements that one combines. The two forms must not drift apart: the one statement
 * must count the access as the separate update does, select what the separate select does and write the audit
 * row's columns.
 */
class OneStatementReadSqlTest {

    private static final Path SQL = RouteWiringTest.ROUTES.resolve("sql");

    @Test
    void theOneStatementLookupReturnsTheSummaryColumns() throws IOException {
        String summary = statement("select-lineage-summary-by-report-id.sql");
        Matcher selected = Pattern.compile(
                        "^SELECT (.*), EXISTS \\(SELECT 1 FROM lineage_legal_hold h WHERE h.lineage_id ="
                                + " report_lineage.id OR h.lead_id = report_lineage.lead_id\\) AS legal_hold FROM report_lineage"
                                + " WHERE report_generation_id = (\\S+)$")
                .matcher(summary);
        assertThat(selected.matches()).as(summary).isTrue();

        String combined = statement("lookup-lineage-and-audit-postgresql.sql");
        assertThat(combined)
                .contains("WHERE report_generation_id = " + selected.group(2) + " RETURNING " + selected.group(1)
                        + " ), audited AS (")
                .contains(
                        "SELECT accessed.*, EXISTS (SELECT 1 FROM lineage_legal_hold h WHERE h.lineage_id = accessed.id"
                                + " OR h.lead_id = accessed.lead_id) AS legal_hold FROM accessed");
        assertThat(statement("record-lineage-access.sql"))
                .isEqualTo(
                        "UPDATE report_lineage SET access_count = access_count + 1, last_accessed_at = CURRENT_TIMESTAMP"
                                + " WHERE report_generation_id = " + selected.group(2));
        assertThat(combined).startsWith("WITH accessed AS ( " + statement("record-lineage-access.sql") + " RETURNING ");
    }

    @Test
    void theOneStatementLookupWritesTheAuditRowsColumns() throws IOException {
        Matcher columns = Pattern.compile("INSERT INTO report_lineage_audit \\(([^)]*)\\)")
                .matcher(statement("insert-audit-row.sql"));
        assertThat(columns.find()).isTrue();
        assertThat(statement("lookup-lineage-and-audit-postgresql.sql"))
                .contains("INSERT INTO report_lineage_audit (" + columns.group(1) + ")");
    }

    /** The one-statement search page selects exactly what select-lineage-page.sql selects, and writes the row. */
    @Test
    void theOneStatementSearchPageIsThePagesSelectAndTheAuditRow() throws IOException {
        String combined = statement("search-lineage-and-audit-postgresql.sql");
        assertThat(combined)
                .startsWith("WITH page AS ( " + statement("select-lineage-page.sql") + " ), audited AS (")
                .endsWith("FROM page ) SELECT * FROM page ORDER BY created_at DESC, id DESC");
        Matcher columns = Pattern.compile("INSERT INTO report_lineage_audit \\(([^)]*)\\)")
                .matcher(statement("insert-audit-row.sql"));
        assertThat(columns.find()).isTrue();
        assertThat(combined).contains("INSERT INTO report_lineage_audit (" + columns.group(1) + ")");
    }

    /** The statement without comments, its whitespace collapsed. */
    private static String statement(String file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(SQL.resolve(file))) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append(' ');
            }
        }
        return text.toString().replaceAll("\\s+", " ").strip();
    }
}
