package com.leadfactory.lineage.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an API contract (an interface of default test methods) needs from the running service, so one
 * contract runs unchanged against H2 and PostgreSQL.
 */
public interface ApiTestSupport {

    String INGEST_KEY = "ingest-key-0123456789abcdef";
    String VIEWER_KEY = "viewer-key-0123456789abcdef";
    String AUDITOR_KEY = "auditor-key-0123456789abcdef";
    String ADMIN_KEY = "admin-key-0123456789abcdef";
    /** test-crm: another system that records accesses to reports (role audit-writer). */
    String AUDIT_WRITER_KEY = "audit-writer-key-0123456789abcdef";
    /** The audit log's signing key of every test context (a test key, committed as such). */
    String SIGNING_KEY_FILE = "src/test/resources/test-audit-signing-key.pem";

    int port();

    JdbcTemplate jdbc();

    SourceData source();

    default RequestSpecification as(String apiKey) {
        return RestAssured.given().port(port()).header("X-API-Key", apiKey);
    }

    /** Posts one completion message as the ingest client and returns the summary the API answered with (201). */
    default Map<String, Object> postCompletion(Map<String, Object> message) {
        return as(INGEST_KEY)
                .contentType("application/json")
                .body(message)
                .post("/api/lineage/completions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
    }
}
