package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.leadfactory.lineage.support.H2ApiTestBase;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditLogApiH2Test extends H2ApiTestBase implements AuditLogApiContract {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    AuditLogApi auditLogApi;

    @Override
    public void checkpointNow() {
        producer.sendBody("direct:audit-checkpoint", null);
    }

    /** A verification reads every audit row: while one runs, a second is a 503 to retry, not a second scan. */
    @Test
    void oneVerificationAtATime() throws InterruptedException {
        auditLogApi.verifications().acquire();
        String busy = "verify-busy-" + UUID.randomUUID();
        try {
            as(AUDITOR_KEY)
                    .header("X-Request-Id", busy)
                    .get("/api/audit/verify")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", containsString("verify-busy"));
        } finally {
            auditLogApi.verifications().release();
        }
        assertThat(jdbc().queryForObject(
                                "SELECT outcome FROM report_lineage_audit WHERE request_id = ?", String.class, busy))
                .as("the refused verification is on record as failed")
                .isEqualTo("error");
        as(AUDITOR_KEY).get("/api/audit/verify").then().statusCode(200);
    }
}
