package com.leadfactory.lineage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.leadfactory.lineage.support.H2ApiTestBase;
import io.restassured.RestAssured;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * An API request is served in one pass through the filters, on one thread: no asynchronous second dispatch,
 * whether the route answers or fails (docs/DESIGN-NOTES.md, "Routes on the request thread").
 */
class RequestThreadRoutingH2Test extends H2ApiTestBase {

    static final List<DispatcherType> DISPATCHES = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class CountDispatches {

        @Bean
        FilterRegistrationBean<Filter> dispatchCounter() {
            Filter counter = (request, response, chain) -> {
                if (((HttpServletRequest) request).getRequestURI().startsWith("/api/")) {
                    DISPATCHES.add(request.getDispatcherType());
                }
                chain.doFilter(request, response);
            };
            var registration = new FilterRegistrationBean<>(counter);
            registration.addUrlPatterns("/*");
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @BeforeEach
    void forget() {
        DISPATCHES.clear();
    }

    @Test
    void aRouteThatAnswersIsOneDispatch() {
        RestAssured.given()
                .port(port)
                .header("X-API-Key", VIEWER_KEY)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("test-viewer"));
        assertThat(DISPATCHES).containsExactly(DispatcherType.REQUEST);
    }

    @Test
    void aRouteThatFailsIsOneDispatchWithItsProblem() {
        RestAssured.given()
                .port(port)
                .header("X-API-Key", VIEWER_KEY)
                .get("/api/lineage/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lineage:problem:not-found"));
        assertThat(DISPATCHES).containsExactly(DispatcherType.REQUEST);
    }
}
