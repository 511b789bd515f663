package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.leadfactory.lineage.support.H2ApiTestBase;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;

/**
 * What a load balancer and an API client see of a running instance: health status codes, probe groups, and
 * problem+json for every request the API has no route for.
 */
class DeployHealthH2Test extends H2ApiTestBase {

    @Autowired
    HttpCodeStatusMapper statusCodes;

    @Autowired
    HealthEndpointGroups groups;

    @Test
    void downAndOutOfServiceAnswer503WarnStays200() {
        assertThat(statusCodes.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(statusCodes.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(statusCodes.getStatusCode(new Status("WARN"))).isEqualTo(200);
        assertThat(statusCodes.getStatusCode(Status.UP)).isEqualTo(200);
        assertThat(groups.get("readiness").getHttpCodeStatusMapper().getStatusCode(Status.OUT_OF_SERVICE))
                .as("the probe groups use the same mapping")
                .isEqualTo(503);
    }

    @Test
    void readinessWaitsForRoutesDatabaseAndBrokerWhileLivenessDependsOnNeither() {
        HealthEndpointGroup readiness = groups.get("readiness");
        assertThat(readiness.isMember("readinessState")).isTrue();
        assertThat(readiness.isMember("routes")).isTrue();
        assertThat(readiness.isMember("db")).isTrue();
        assertThat(readiness.isMember("rabbit")).isTrue();
        HealthEndpointGroup liveness = groups.get("liveness");
        assertThat(liveness.isMember("livenessState")).isTrue();
        assertThat(liveness.isMember("db")).isFalse();
        assertThat(liveness.isMember("rabbit")).isFalse();
        assertThat(liveness.isMember("routes")).isFalse();
    }

    @Test
    void aRunningInstanceIsReadyAndLiveAndShowsItsComponentsToAuthenticatedCallers() {
        RestAssured.given().port(port).get("/actuator/health").then().statusCode(200);
        RestAssured.given()
                .port(port)
                .get("/actuator/health/readiness")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("components", nullValue());
        as(VIEWER_KEY)
                .get("/actuator/health/readiness")
                .then()
                .statusCode(200)
                .body("components.routes.status", equalTo("UP"))
                .body("components.db.status", equalTo("UP"))
                .body("components.readinessState.status", equalTo("UP"))
                .body("components.rabbit", nullValue());
        as(VIEWER_KEY)
                .get("/actuator/health/liveness")
                .then()
                .statusCode(200)
                .body("components.livenessState.status", equalTo("UP"))
                .body("components.db", nullValue());
    }

    @Test
    void anUnknownApiPathIsA404Problem() {
        problem(as(VIEWER_KEY).get("/api/lineage/no/such/thing"), 404, "not-found")
                .body("detail", containsString("/api/lineage/no/such/thing"));
        problem(as(VIEWER_KEY).get("/api"), 404, "not-found");
        problem(as(VIEWER_KEY).get("/api/nothing-here"), 404, "not-found");
    }

    @Test
    void errorsOfTheActuatorAndOfNonBrowserRequestsElsewhereAreProblemsNotSpringsDefaultBody() {
        problem(as(VIEWER_KEY).get("/actuator/no-such-endpoint"), 404, "not-found");
        problem(as(VIEWER_KEY).accept("text/html").get("/actuator/no-such-endpoint"), 404, "not-found");
        problem(as(VIEWER_KEY).accept("text/html").get("/actuator/health"), 406, "not-acceptable");
        problem(as(VIEWER_KEY).accept("application/json").get("/no-such-page"), 404, "not-found")
                .body("detail", equalTo("There is nothing at /no-such-page."));
        problem(as(VIEWER_KEY).get("/assets/no-such-file.js"), 404, "not-found");
        problem(RestAssured.given().port(port).get("/error"), 404, "not-found");
        problem(RestAssured.given().port(port).accept("text/html").get("/error"), 404, "not-found");
        as(VIEWER_KEY)
                .accept("text/html")
                .get("/no-such-page")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"));
    }

    @Test
    void aMethodThePathDoesNotTakeIsA405ProblemWithAllow() {
        problem(as(ADMIN_KEY).delete("/api/lineage/completions"), 405, "method-not-allowed")
                .header("Allow", containsString("POST"));
        problem(as(ADMIN_KEY).put("/api/lineage/search"), 405, "method-not-allowed")
                .header("Allow", containsString("GET"));
        problem(as(ADMIN_KEY).post("/api/me"), 405, "method-not-allowed");
    }

    @Test
    void unacceptableMediaTypesAndMalformedUrlsAreProblemsToo() {
        problem(
                as(INGEST_KEY).contentType("text/plain").body("hello").post("/api/lineage/completions"),
                415,
                "unsupported-media-type");
        problem(as(VIEWER_KEY).accept("application/xml").get("/api/me"), 406, "not-acceptable");
        problem(as(VIEWER_KEY).get("/api/lineage/a;b"), 400, "bad-request");
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String type) {
        return response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:lineage:problem:" + type))
                .body("status", equalTo(status))
                .body("request_id", org.hamcrest.Matchers.notNullValue())
                .body("timestamp", nullValue())
                .body("error", nullValue());
    }
}
