package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.FormSignIn;
import com.leadfactory.lineage.support.H2ApiTestBase;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a proxy that ends TLS the service sees plain http: with server.servlet.session.cookie.secure set, both the
 * session cookie and the CSRF token's cookie are Secure, so neither is ever sent over plain http.
 */
@TestPropertySource(properties = "server.servlet.session.cookie.secure=true")
class SecureCookiesH2Test extends H2ApiTestBase {

    @Test
    void bothPanelCookiesAreSecureWhenTheSessionCookieIsConfiguredSo() {
        List<String> page =
                RestAssured.given().port(port).get("/login.html").getHeaders().getValues("Set-Cookie");
        assertThat(page)
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("XSRF-TOKEN=")
                        .contains("Secure")
                        .contains("SameSite=Lax"));

        Response signIn = FormSignIn.request(port)
                .formParam("username", "test-viewer")
                .formParam("password", "viewer-password")
                .post("/login");
        assertThat(signIn.getHeader("Location")).isEqualTo("/");
        assertThat(signIn.getHeaders().getValues("Set-Cookie"))
                .anySatisfy(
                        cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("Secure"))
                .allSatisfy(cookie -> assertThat(cookie).contains("Secure"));
    }
}
