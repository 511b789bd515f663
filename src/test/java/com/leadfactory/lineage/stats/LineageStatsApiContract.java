package com.leadfactory.lineage.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import com.leadfactory.lineage.support.ApiTestSupport;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/lineage/stats over real HTTP; run against H2 and PostgreSQL by the subclasses. */
interface LineageStatsApiContract extends ApiTestSupport {

    private JsonPath stats() {
        return as(VIEWER_KEY)
                .get("/api/lineage/stats")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("dead_lettered", nullValue())
                .extract()
                .jsonPath();
    }

    private static long http(JsonPath stats) {
        Number count = stats.get("by_source.http");
        return count == null ? 0 : count.longValue();
    }

    @Test
    default void countsCapturesBySourceAndTheCoverageOfCompletedReports() {
        JsonPath before = stats();
        Map<String, Object> captured = source().report();
        postCompletion(captured);
        source().report(); // completed, no lineage yet

        JsonPath after = stats();
        assertThat(after.getLong("captured_total")).isEqualTo(before.getLong("captured_total") + 1);
        assertThat(http(after)).isEqualTo(http(before) + 1);
        assertThat(after.getLong("completed_reports")).isEqualTo(before.getLong("completed_reports") + 2);
        assertThat(after.getLong("completed_reports_with_lineage"))
                .isEqualTo(before.getLong("completed_reports_with_lineage") + 1);
        double expected = (double) after.getLong("completed_reports_with_lineage") / after.getLong("completed_reports");
        assertThat(after.getDouble("coverage")).isBetween(expected - 1e-5, expected + 1e-5);
    }

    @Test
    default void statsIsItsOwnRouteNotAReportIdLookup() {
        // "stats" is not a UUID: were it routed to GET /api/lineage/{report_id} it would be a 400 or 404
        assertThat(stats().getMap("by_source")).isNotNull();
        as(VIEWER_KEY).get("/api/lineage/" + UUID.randomUUID()).then().statusCode(org.hamcrest.Matchers.not(200));
    }

    @Test
    default void needsTheViewerRole() {
        io.restassured.RestAssured.given()
                .port(port())
                .get("/api/lineage/stats")
                .then()
                .statusCode(401);
        as(INGEST_KEY).get("/api/lineage/stats").then().statusCode(403);
        as(AUDITOR_KEY).get("/api/lineage/stats").then().statusCode(200);
    }
}
