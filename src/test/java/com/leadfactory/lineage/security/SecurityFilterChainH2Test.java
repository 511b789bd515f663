package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.H2ApiTestBase;
import io.restassured.RestAssured;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Requests go through Spring Security's own chain, without the filter that would look up each request's Spring MVC
 * handler a second time ({@link DropHandlerMappingCacheFilter}), and each catalog endpoint still asks for its role.
 */
class SecurityFilterChainH2Test extends H2ApiTestBase {

    /** The request attributes seen behind the security chain, for each API request. */
    static final List<List<String>> ATTRIBUTES = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class RecordAttributes {

        @Bean
        FilterRegistrationBean<Filter> attributeRecorder() {
            Filter recorder = (request, response, chain) -> {
                if (((HttpServletRequest) request).getRequestURI().startsWith("/api/")) {
                    ATTRIBUTES.add(Collections.list(request.getAttributeNames()));
                }
                chain.doFilter(request, response);
            };
            var registration = new FilterRegistrationBean<>(recorder);
            registration.addUrlPatterns("/*");
            registration.setOrder(0); // after Spring Security's chain (-100) has been entered
            return registration;
        }
    }

    @Test
    void noHandlerLookupIsCachedForSecurityBecauseNothingThereReadsIt() {
        ATTRIBUTES.clear();
        RestAssured.given()
                .port(port)
                .header("X-API-Key", VIEWER_KEY)
                .get("/api/me")
                .then()
                .statusCode(200);

        assertThat(ATTRIBUTES).isNotEmpty();
        assertThat(ATTRIBUTES)
                .allSatisfy(names -> assertThat(names)
                        .noneMatch(name ->
                                name.startsWith("org.springframework.web.servlet.handler.HandlerMappingIntrospector")));
    }

    @Test
    void eachEndpointStillAsksForItsRole() {
        String unknownReport = "/api/lineage/7c1d7a51-5a43-4c1b-9d0f-3f8f3a9f3f11";
        RestAssured.given().port(port).get(unknownReport).then().statusCode(401);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", INGEST_KEY)
                .get(unknownReport)
                .then()
                .statusCode(403);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", VIEWER_KEY)
                .get(unknownReport)
                .then()
                .statusCode(404);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", VIEWER_KEY)
                .get("/api/audit")
                .then()
                .statusCode(403);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", AUDITOR_KEY)
                .get("/api/audit")
                .then()
                .statusCode(200);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", ADMIN_KEY)
                .get("/api/audit")
                .then()
                .statusCode(200);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", INGEST_KEY)
                .get("/api/me")
                .then()
                .statusCode(200);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", VIEWER_KEY)
                .get("/api/no-such-thing")
                .then()
                .statusCode(404);
    }
}
