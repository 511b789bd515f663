package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.ApiTestSupport;
import com.leadfactory.lineage.support.FormSignIn;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a browser is told on every answer, panel and API alike: no framing, no sniffing, no script but the panel's
 * own, no Referer to anywhere; redirects that go where the service is, whatever Host header came with the request;
 * and the CSRF token's cookie with the session cookie's flags.
 */
public interface BrowserHeadersContract extends ApiTestSupport {

    @Test
    default void everyAnswerForbidsFramingSniffingInlineScriptAndTheReferer() {
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("the sign-in page", RestAssured.given().port(port()).get("/login.html"));
        answers.put("a script", RestAssured.given().port(port()).get("/assets/app.js"));
        answers.put(
                "the redirect to sign in",
                RestAssured.given()
                        .port(port())
                        .redirects()
                        .follow(false)
                        .accept("text/html")
                        .get("/"));
        answers.put("an API answer", as(VIEWER_KEY).get("/api/me"));
        answers.put("a search", as(VIEWER_KEY).get("/api/lineage/search"));
        answers.put("an API 404", as(VIEWER_KEY).get("/api/no-such-endpoint"));
        answers.put("an API 401", RestAssured.given().port(port()).get("/api/me"));
        answers.put(
                "Tomcat's own refusal",
                RestAssured.given()
                        .port(port())
                        .urlEncodingEnabled(false)
                        .accept("text/html")
                        .get("/a%2Fb"));
        answers.forEach((what, answer) -> {
            String as = what + " (" + answer.statusCode() + ")";
            assertThat(answer.getHeader("Referrer-Policy")).as(as).isEqualTo("no-referrer");
            assertThat(answer.getHeader("X-Content-Type-Options")).as(as).isEqualTo("nosniff");
            assertThat(answer.getHeader("Content-Security-Policy"))
                    .as(as)
                    .contains("frame-ancestors 'none'")
                    .containsAnyOf("script-src 'self';", "default-src 'none'")
                    .doesNotContain("unsafe-inline");
        });
    }

    @Test
    default void redirectsArePathsAndNeverTheHostTheRequestNamed() {
        Response toSignIn = RestAssured.given()
                .port(port())
                .redirects()
                .follow(false)
                .header("Host", "evil.example")
                .accept("text/html")
                .get("/");
        assertThat(toSignIn.statusCode()).isEqualTo(302);
        assertThat(toSignIn.getHeader("Location")).isEqualTo("/login.html");

        Response signIn = FormSignIn.request(port())
                .header("Host", "evil.example")
                .formParam("username", "test-viewer")
                .formParam("password", "viewer-password")
                .post("/login");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.getHeader("Location")).isEqualTo("/");

        Response wrongPassword = FormSignIn.request(port())
                .header("Host", "evil.example")
                .formParam("username", "test-viewer")
                .formParam("password", "not-the-password")
                .post("/login");
        assertThat(wrongPassword.getHeader("Location")).isEqualTo("/login.html?error");
    }

    @Test
    default void theCsrfCookieIsSameSiteLikeTheSessionCookie() {
        List<String> cookies =
                RestAssured.given().port(port()).get("/login.html").getHeaders().getValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("XSRF-TOKEN=")
                        .contains("SameSite=Lax")
                        .as("plain http and server.servlet.session.cookie.secure unset: not Secure")
                        .doesNotContain("Secure"));
    }

    /**
     * A page on another site that sends a signed-in person's browser to an API URL (a link, a redirect: SameSite=Lax
     * lets the session cookie ride a top-level navigation) must not write "this person read that record" into the
     * audit trail.
     */
    @Test
    default void anApiReadRidingAPanelSessionFromAnotherSiteIsRefusedAndNotAudited() {
        Map<String, Object> summary = postCompletion(source().report());
        String reportId = (String) summary.get("report_generation_id");
        String lineageId = (String) summary.get("lineage_id");
        String session = FormSignIn.request(port())
                .formParam("username", "test-viewer")
                .formParam("password", "viewer-password")
                .post("/login")
                .getCookie("JSESSIONID");
        assertThat(session).isNotBlank();

        for (String site : new String[] {"cross-site", "same-site"}) {
            RestAssured.given()
                    .port(port())
                    .cookie("JSESSIONID", session)
                    .header("Sec-Fetch-Site", site)
                    .header("Sec-Fetch-Mode", "navigate")
                    .get("/api/lineage/" + reportId)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.containsString("cross-site-request"));
        }
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM report_lineage_audit WHERE lineage_id = ? AND user_id = 'test-viewer'",
                                Integer.class,
                                java.util.UUID.fromString(lineageId)))
                .as("no read recorded in the signed-in person's name")
                .isZero();

        // the panel's own calls, an address typed in, a program without the header, an API key from anywhere
        for (String site : new String[] {"same-origin", "none", null}) {
            var request = RestAssured.given().port(port()).cookie("JSESSIONID", session);
            if (site != null) {
                request.header("Sec-Fetch-Site", site);
            }
            request.get("/api/lineage/" + reportId).then().statusCode(200);
        }
        as(VIEWER_KEY)
                .header("Sec-Fetch-Site", "cross-site")
                .get("/api/lineage/" + reportId)
                .then()
                .statusCode(200);
    }

    /**
     * A site sharing this host's cookies (another port, a sibling subdomain) can plant its own XSRF-TOKEN cookie and
     * post the same value: the double-submitted token then matches, and the same-site session cookie goes along.
     */
    @Test
    default void aSignOutOrSignInPostedFromAnotherSiteIsRefusedEvenWithAMatchingCsrfToken() {
        String session = FormSignIn.request(port())
                .formParam("username", "test-viewer")
                .formParam("password", "viewer-password")
                .post("/login")
                .getCookie("JSESSIONID");
        RestAssured.given()
                .port(port())
                .redirects()
                .follow(false)
                .cookie("JSESSIONID", session)
                .cookie("XSRF-TOKEN", "planted")
                .header("Sec-Fetch-Site", "same-site")
                .formParam("_csrf", "planted")
                .post("/logout")
                .then()
                .statusCode(403)
                .body("type", org.hamcrest.Matchers.containsString("cross-site-request"));
        RestAssured.given()
                .port(port())
                .cookie("JSESSIONID", session)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("test-viewer"));

        RestAssured.given()
                .port(port())
                .redirects()
                .follow(false)
                .cookie("XSRF-TOKEN", "planted")
                .header("Sec-Fetch-Site", "cross-site")
                .formParam("_csrf", "planted")
                .formParam("username", "test-viewer")
                .formParam("password", "viewer-password")
                .post("/login")
                .then()
                .statusCode(403);

        // the panel's own sign-out still works
        RestAssured.given()
                .port(port())
                .redirects()
                .follow(false)
                .cookie("JSESSIONID", session)
                .cookie("XSRF-TOKEN", "mine")
                .header("Sec-Fetch-Site", "same-origin")
                .formParam("_csrf", "mine")
                .post("/logout")
                .then()
                .statusCode(302)
                .header("Location", "/login.html?signed-out");
    }
}
