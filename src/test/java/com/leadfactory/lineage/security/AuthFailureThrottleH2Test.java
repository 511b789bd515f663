package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.audit.AuthFailureAuditor;
import com.leadfactory.lineage.support.FormSignIn;
import com.leadfactory.lineage.support.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failed authentications over real HTTP: wrong passwords and unknown API keys are audited once per (IP, claimed
 * name) with a count, counted in lineage_auth_failures_total, and the max-attempts-th failure from one IP makes
 * its next attempts 429 with Retry-After; those attempts are counted (lineage_auth_throttled_total) and audited too,
 * as throttled.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.audit.auth-failures.max-attempts=4",
            "lineage.audit.auth-failures.window=10m",
            "lineage.audit.auth-failures.flush-interval=1h",
            "lineage.security.clients[0].name=test-viewer",
            "lineage.security.clients[0].api-key=" + AuthFailureThrottleH2Test.KEY,
            "lineage.security.clients[0].password={noop}viewer-password",
            "lineage.security.clients[0].roles=viewer",
        })
class AuthFailureThrottleH2Test {

    static final String KEY = "throttle-viewer-key-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("lineage_auth_failures"));
        registry.add("spring.datasource.username", () -> "sa");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuthFailureAuditor auditor;

    @Autowired
    MeterRegistry registry;

    private Response signIn(String user, String password) {
        return FormSignIn.request(port)
                .header("User-Agent", "guesser/1.0")
                .formParam("username", user)
                .formParam("password", password)
                .post("/login");
    }

    private Response withKey(String key) {
        return RestAssured.given()
                .port(port)
                .header("X-API-Key", key)
                .header("User-Agent", "guesser/2.0")
                .get("/api/me");
    }

    private Response withBearer(String key) {
        return RestAssured.given()
                .port(port)
                .header("Authorization", "Bearer " + key)
                .header("User-Agent", "guesser/2.0")
                .get("/api/me");
    }

    @Test
    void failuresAreAuditedOncePerAddressAndNameWithACountThenThrottled() throws Exception {
        signIn("mallory", "wrong-1").then().statusCode(302).header("Location", containsString("error"));
        signIn("mallory", "wrong-2").then().statusCode(302);
        withKey("guess-1").then().statusCode(401);
        withKey(KEY).then().statusCode(200);
        // the same key as a Bearer token is the same kind of attempt
        withBearer("guess-2").then().statusCode(401);

        // the fourth failure within the window: from now on this address waits, even with a valid key
        Response throttled = withKey(KEY);
        throttled
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("type", containsString("too-many-failed-authentications"));
        assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isBetween(1L, 600L);
        signIn("test-viewer", "viewer-password").then().statusCode(429);
        // the same wait for a browser's sign-in form is the sign-in page saying so, not a page of problem JSON
        Response page = FormSignIn.request(port)
                .header("User-Agent", "guesser/1.0")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .formParam("username", "test-viewer")
                .formParam("password", "viewer-password")
                .post("/login");
        page.then().statusCode(302).header("Location", containsString("/login.html?throttled="));
        assertThat(Long.parseLong(page.getHeader("Location").replaceAll(".*throttled=", "")))
                .isEqualTo(Long.parseLong(page.getHeader("Retry-After")))
                .isBetween(1L, 600L);
        withBearer(KEY).then().statusCode(429);
        // a call without credentials is not an attempt: it gets its ordinary 401
        RestAssured.given().port(port).get("/api/me").then().statusCode(401);

        assertThat(registry.counter("lineage.auth.failures", "method", "password")
                        .count())
                .isEqualTo(2);
        assertThat(registry.counter("lineage.auth.failures", "method", "api_key")
                        .count())
                .isEqualTo(2);

        // the attempts refused unchecked are counted and audited apart: guessing through the wait stays on record
        assertThat(registry.counter("lineage.auth.throttled", "method", "api_key")
                        .count())
                .isEqualTo(2);
        assertThat(registry.counter("lineage.auth.throttled", "method", "password")
                        .count())
                .isEqualTo(2);

        assertThat(auditor.flush()).isEqualTo(4);
        List<Map<String, Object>> throttledRows = jdbc.queryForList("SELECT * FROM report_lineage_audit WHERE action"
                + " = 'authenticate' AND details LIKE '%\"throttled\":true%' ORDER BY user_id");
        assertThat(throttledRows).extracting(row -> row.get("user_id")).containsExactly("anonymous", "test-viewer");
        JsonNode throttledKeys = MAPPER.readTree((String) throttledRows.get(0).get("details"));
        assertThat(throttledKeys.get("count").asLong()).isEqualTo(2);
        assertThat(throttledKeys.get("method").asText()).isEqualTo("api_key");
        assertThat(throttledRows.get(0).get("outcome")).isEqualTo("denied");
        JsonNode throttledSignIn = MAPPER.readTree((String) throttledRows.get(1).get("details"));
        assertThat(throttledSignIn.get("count").asLong()).isEqualTo(2);
        assertThat(throttledSignIn.get("method").asText()).isEqualTo("password");
        assertThat(throttledSignIn.get("claimed_name").asText()).isEqualTo("test-viewer");

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM report_lineage_audit WHERE action ="
                + " 'authenticate' AND details NOT LIKE '%\"throttled\":true%' ORDER BY user_id");
        assertThat(rows).hasSize(2);
        Map<String, Object> keys = rows.get(0);
        assertThat(keys.get("user_id")).isEqualTo("anonymous");
        assertThat(keys.get("outcome")).isEqualTo("denied");
        assertThat(keys.get("ip_address")).isEqualTo("127.0.0.1");
        assertThat(keys.get("user_agent")).isEqualTo("guesser/2.0");
        JsonNode keyDetails = MAPPER.readTree((String) keys.get("details"));
        assertThat(keyDetails.get("count").asLong()).isEqualTo(2);
        assertThat(keyDetails.get("method").asText()).isEqualTo("api_key");
        Map<String, Object> passwords = rows.get(1);
        assertThat(passwords.get("user_id")).isEqualTo("mallory");
        assertThat(passwords.get("user_agent")).isEqualTo("guesser/1.0");
        JsonNode passwordDetails = MAPPER.readTree((String) passwords.get("details"));
        assertThat(passwordDetails.get("count").asLong()).isEqualTo(2);
        assertThat(passwordDetails.get("method").asText()).isEqualTo("password");
        assertThat(passwordDetails.get("claimed_name").asText()).isEqualTo("mallory");
        assertThat(auditor.flush()).as("nothing pending after a flush").isZero();
    }
}
