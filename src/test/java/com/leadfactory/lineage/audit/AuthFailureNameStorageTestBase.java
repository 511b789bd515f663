package com.leadfactory.lineage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.FormSignIn;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sign-in form takes any name, NUL included: the failure is still written to the audit trail at the first flush
 * (user_id with U+FFFD for the NUL, details.claimed_name as sent), never left pending and retried for ever.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.audit.auth-failures.flush-interval=1h",
            "lineage.security.clients[0].name=test-viewer",
            "lineage.security.clients[0].password={noop}viewer-password",
            "lineage.security.clients[0].roles=viewer",
        })
abstract class AuthFailureNameStorageTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuthFailureAuditor auditor;

    private Response signIn(String user) {
        return FormSignIn.request(port)
                .formParam("username", user)
                .formParam("password", "wrong")
                .post("/login");
    }

    @Test
    void aClaimedNameWithANulIsAuditedAtTheFirstFlush() throws Exception {
        String name = "evil\u0000name\r\ninjected";
        signIn(name).then().statusCode(302);

        assertThat(auditor.flush()).as("written, not kept pending").isEqualTo(1);
        assertThat(auditor.flush()).as("nothing left to retry").isZero();
        List<Map<String, Object>> rows =
                jdbc.queryForList("SELECT user_id, details FROM report_lineage_audit WHERE action = 'authenticate'");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("user_id")).isEqualTo("evil\uFFFDname\r\ninjected");
        JsonNode details = MAPPER.readTree((String) rows.get(0).get("details"));
        assertThat(details.get("claimed_name").asText()).isEqualTo(name);
    }
}
