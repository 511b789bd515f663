package com.leadfactory.lineage.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.leadfactory.lineage.support.H2ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditTrailApiH2Test extends H2ApiTestBase implements AuditTrailApiContract {

    @Autowired
    AuditExport auditExport;

    /**
     * Each export holds a pool connection while its client downloads: beyond lineage.audit.max-concurrent-exports (2)
     * an export is a 503 to retry, a JSON page is not limited, and a finished export gives its slot back.
     */
    @Test
    void exportsTakeASlotEachAndGiveItBack() throws InterruptedException {
        assertThat(auditExport.slots().availablePermits()).isEqualTo(2);
        auditExport.slots().acquire(2);
        try {
            as(AUDITOR_KEY)
                    .accept("text/csv")
                    .get("/api/audit?user_id=nobody-exports")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", containsString("export-busy"))
                    .body("detail", containsString("lineage.audit.max-concurrent-exports"));
            as(AUDITOR_KEY).get("/api/audit?user_id=nobody-exports").then().statusCode(200);
        } finally {
            auditExport.slots().release(2);
        }
        for (String format : new String[] {"text/csv", "application/x-ndjson", "text/csv"}) {
            as(AUDITOR_KEY)
                    .accept(format)
                    .get("/api/audit?user_id=nobody-exports")
                    .then()
                    .statusCode(200);
        }
        assertThat(auditExport.slots().availablePermits()).isEqualTo(2);
    }
}
