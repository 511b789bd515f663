package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.PostgresApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditTrailApiPostgresTest extends PostgresApiTestBase implements AuditTrailApiContract {

    /**
     * The export's audit row is written after the last data row; when it cannot be written, the client must not
     * receive what looks like a complete file: the body ends with an error line. A trigger refuses that one row.
     */
    @Test
    void anExportWhoseAuditRowCannotBeWrittenEndsWithAnErrorLine() throws Exception {
        String requestId = "export-unaudited-" + UUID.randomUUID();
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_test_export_audit() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.action = 'audit_export' AND NEW.request_id LIKE 'export-unaudited-%' THEN"
                + " RAISE EXCEPTION 'audit table refuses this row (test)'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER refuse_test_export_audit BEFORE INSERT ON report_lineage_audit"
                + " FOR EACH ROW EXECUTE FUNCTION refuse_test_export_audit()");
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit"))
                    .header("X-API-Key", AUDITOR_KEY)
                    .header("Accept", "application/x-ndjson")
                    .header("X-Request-Id", requestId)
                    .build();
            String body = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString())
                    .body();
            String[] lines = body.split("\n");
            assertThat(lines.length).isGreaterThan(1);
            assertThat(lines[lines.length - 1]).startsWith("{\"export_error\":").contains("not on record");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_test_export_audit ON report_lineage_audit");
            jdbc.execute("DROP FUNCTION refuse_test_export_audit()");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE request_id = ?", Integer.class, requestId))
                .isZero();
    }
}
