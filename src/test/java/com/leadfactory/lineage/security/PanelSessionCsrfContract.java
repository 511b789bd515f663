package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.leadfactory.lineage.support.ApiTestSupport;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A change made on a panel session without its CSRF token is refused as what it is: a 403 that names the token,
 * not "your roles do not allow", and no audit row saying the signed-in person was refused (a forged cross-site
 * request would otherwise write one in their name).
 */
public interface PanelSessionCsrfContract extends ApiTestSupport {

    /** The session and CSRF cookies of test-admin, signed in through the form. */
    private Map<String, String> signedInAsAdmin() {
        Response page = RestAssured.given().port(port()).get("/login.html");
        String token = page.getCookie("XSRF-TOKEN");
        Response signIn = RestAssured.given()
                .port(port())
                .redirects()
                .follow(false)
                .cookie("XSRF-TOKEN", token)
                .header("X-XSRF-TOKEN", token)
                .formParam("username", "test-admin")
                .formParam("password", "admin-password")
                .post("/login");
        assertThat(signIn.getHeader("Location")).doesNotContain("error");
        assertThat(signIn.getHeaders().getValues("Set-Cookie"))
                .as("the session cookie is not sent on cross-site subrequests")
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("JSESSIONID=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
        String session = signIn.getCookie("JSESSIONID");
        String fresh = signIn.getCookie("XSRF-TOKEN");
        return Map.of("JSESSIONID", session, "XSRF-TOKEN", fresh == null || fresh.isEmpty() ? token : fresh);
    }

    @Test
    default void aChangeWithoutTheCsrfTokenIsRefusedForTheTokenAndNotAuditedAsARoleRefusal() {
        Map<String, Object> summary = postCompletion(source().report());
        String lineageId = (String) summary.get("lineage_id");
        Map<String, String> cookies = signedInAsAdmin();
        String body = "{\"reason\":\"held for a test\"}";

        RestAssured.given()
                .port(port())
                .cookie("JSESSIONID", cookies.get("JSESSIONID"))
                .contentType("application/json")
                .body(body)
                .put("/api/lineage/" + lineageId + "/hold")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("csrf-token-missing-or-wrong"))
                .body("detail", containsString("X-XSRF-TOKEN"));
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE lineage_id = ? AND user_id = 'test-admin'",
                                Integer.class,
                                UUID.fromString(lineageId)))
                .as("no refusal recorded in the signed-in person's name")
                .isZero();

        RestAssured.given()
                .port(port())
                .cookie("JSESSIONID", cookies.get("JSESSIONID"))
                .cookie("XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
                .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
                .contentType("application/json")
                .body(body)
                .put("/api/lineage/" + lineageId + "/hold")
                .then()
                .statusCode(201);
    }

    @Test
    default void onlyASignedInBrowserGetsASessionAndOnlyABrowserGetsACsrfCookie() {
        for (String path : new String[] {"/api/me", "/", "/no-such-page"}) {
            Response anonymous =
                    RestAssured.given().port(port()).redirects().follow(false).get(path);
            assertThat(anonymous.getCookie("JSESSIONID"))
                    .as("an anonymous GET %s (answered %d) leaves no server-side session", path, anonymous.statusCode())
                    .isNull();
        }
        Response apiCall = as(VIEWER_KEY).get("/api/me");
        assertThat(apiCall.statusCode()).isEqualTo(200);
        assertThat(apiCall.getHeaders().getValues("Set-Cookie"))
                .as("an API-key call needs neither a session nor a CSRF token")
                .isEmpty();

        assertThat(RestAssured.given().port(port()).get("/login.html").getCookie("XSRF-TOKEN"))
                .as("the sign-in page still hands the browser its CSRF token")
                .isNotBlank();
        Map<String, String> cookies = signedInAsAdmin();
        Response panelCall = RestAssured.given()
                .port(port())
                .cookie("JSESSIONID", cookies.get("JSESSIONID"))
                .get("/api/me");
        assertThat(panelCall.statusCode()).isEqualTo(200);
        assertThat(panelCall.getCookie("XSRF-TOKEN"))
                .as("a panel session without the cookie gets its CSRF token back")
                .isNotBlank();
    }

    /**
     * The sign-in form is the one form the service reads, and the CSRF check reads a form's parameters on any
     * path before anyone is signed in: Tomcat's default of 2 MB a form let anonymous POSTs fill the heap.
     */
    @Test
    default void aSignInFormAbove64KiBIsNotRead() {
        Response signIn = com.leadfactory.lineage.support.FormSignIn.request(port())
                .formParam("username", "test-admin")
                .formParam("password", "admin-password")
                .formParam("padding", "x".repeat(70 * 1024))
                .post("/login");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.getHeader("Location"))
                .as("the credentials were never read")
                .contains("error");
    }
}
