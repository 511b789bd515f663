package com.leadfactory.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.leadfactory.lineage.support.PostgresApiTestBase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReadApiPostgresTest extends PostgresApiTestBase implements ReadApiContract {

    /**
     * On PostgreSQL a search page is one statement too (routes/sql/search-lineage-and-audit-postgresql.sql): when
     * its audit row cannot be written, no page is served; and a page that is written records the criteria and the
     * count it served in the same text as on H2.
     */
    @Test
    void aSearchPageWhoseAuditRowIsRefusedServesNothing() {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        UUID lead = UUID.randomUUID();
        postCompletion(source().report(lead, finished.minusSeconds(30), finished));
        postCompletion(source().report(lead, finished.minusSeconds(20), finished.plusSeconds(1)));
        String requestId = "refuse-audit-" + UUID.randomUUID();
        refusingAuditRows(() -> {
            int status = as(VIEWER_KEY)
                    .header("X-Request-Id", requestId)
                    .get("/api/lineage/search?lead_id=" + lead)
                    .then()
                    .contentType("application/problem+json")
                    .extract()
                    .statusCode();
            assertThat(status)
                    .as("a page without its audit row is a server-side failure")
                    .isGreaterThanOrEqualTo(500);
        });
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE request_id = ? AND outcome <> 'error'",
                                Integer.class,
                                requestId))
                .isZero();

        String served = "served-" + UUID.randomUUID();
        as(VIEWER_KEY)
                .header("X-Request-Id", served)
                .get("/api/lineage/search?lead_id=" + lead + "&limit=1")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
        assertThat(jdbc().queryForObject(
                                "SELECT details FROM report_lineage_audit WHERE request_id = ?", String.class, served))
                .isEqualTo("{\"criteria\":{\"lead_id\":\"" + lead + "\"},\"paged\":false,\"result_count\":1}");
    }

    /**
     * On PostgreSQL a lookup is one statement (routes/sql/lookup-lineage-and-audit-postgresql.sql): when its audit
     * row cannot be written, the read fails and its access count is not raised either.
     */
    @Test
    void aLookupWhoseAuditRowIsRefusedFailsAndCountsNothing() {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        Map<String, Object> captured =
                postCompletion(source().report(UUID.randomUUID(), finished.minusSeconds(30), finished));
        String reportId = (String) captured.get("report_generation_id");
        String requestId = "refuse-audit-" + UUID.randomUUID();
        refusingAuditRows(() -> {
            int status = as(VIEWER_KEY)
                    .header("X-Request-Id", requestId)
                    .get("/api/lineage/" + reportId)
                    .then()
                    .contentType("application/problem+json")
                    .extract()
                    .statusCode();
            assertThat(status)
                    .as("a read without its audit row is a server-side failure")
                    .isGreaterThanOrEqualTo(500);
        });
        assertThat(jdbc().queryForObject(
                                "SELECT access_count FROM report_lineage WHERE report_generation_id = ?",
                                Integer.class,
                                UUID.fromString(reportId)))
                .as("the access count rolled back with the audit row")
                .isZero();
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE request_id = ? AND outcome <> 'error'",
                                Integer.class,
                                requestId))
                .isZero();
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE request_id = ? AND outcome = 'error'",
                                Integer.class,
                                requestId))
                .as("the failed read is on record in a transaction of its own")
                .isEqualTo(1);

        as(VIEWER_KEY).get("/api/lineage/" + reportId).then().statusCode(200).body("access_count", equalTo(1));
    }

    /**
     * Runs {@code read} while the database refuses every audit row of a request whose id starts with
     * {@code refuse-audit-} (except the failed read's own outcome-error row).
     */
    private void refusingAuditRows(Runnable read) {
        jdbc().execute("CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.request_id LIKE 'refuse-audit-%' AND NEW.outcome <> 'error' THEN RAISE EXCEPTION 'audit refused by test';"
                + " END IF; RETURN NEW; END $$");
        jdbc().execute("CREATE TRIGGER test_refuse_audit BEFORE INSERT ON report_lineage_audit"
                + " FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()");
        try {
            read.run();
        } finally {
            jdbc().execute("DROP TRIGGER test_refuse_audit ON report_lineage_audit");
            jdbc().execute("DROP FUNCTION test_refuse_audit()");
        }
    }
}
