package com.leadfactory.lineage.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * Legal holds over real HTTP, and what the database does about deletions (refuses held ones, records every
 * other one); run on H2 and PostgreSQL.
 */
interface HoldApiContract extends ApiTestSupport {

    ObjectMapper MAPPER = new ObjectMapper();

    private Map<String, Object> capture(UUID lead) {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        Map<String, Object> message =
                source().withTemplate(source().report(lead, finished.minusSeconds(30), finished), "tpl@hold");
        return postCompletion(message);
    }

    private io.restassured.response.Response put(String path, String body) {
        return as(ADMIN_KEY).contentType("application/json").body(body).put(path);
    }

    private List<Map<String, Object>> audit(String action, Object lineageId) {
        return jdbc().queryForList(
                        "SELECT * FROM report_lineage_audit WHERE action = ? AND lineage_id = ? ORDER BY accessed_at,"
                                + " id",
                        action,
                        UUID.fromString(lineageId.toString()));
    }

    private JsonNode details(Map<String, Object> row) throws Exception {
        return MAPPER.readTree((String) row.get("details"));
    }

    private int lineageCount(Object lineageId) {
        return jdbc().queryForObject(
                        "SELECT COUNT(*) FROM report_lineage WHERE id = ?",
                        Integer.class,
                        UUID.fromString(lineageId.toString()));
    }

    @Test
    default void aHeldRecordShowsItsHoldAndTheDatabaseRefusesToDeleteItByAnyPath() throws Exception {
        Map<String, Object> record = capture(UUID.randomUUID());
        String id = (String) record.get("lineage_id");
        assertThat(record.get("legal_hold")).isEqualTo(false);

        String placedAt = put("/api/lineage/" + id + "/hold", "{\"reason\": \"litigation LIT-1234\"}")
                .then()
                .statusCode(201)
                .contentType("application/json")
                .body("scope", equalTo("lineage"))
                .body("lineage_id", equalTo(id))
                .body("lead_id", nullValue())
                .body("reason", equalTo("litigation LIT-1234"))
                .body("placed_by", equalTo("test-admin"))
                .body("placed_at", notNullValue())
                .extract()
                .path("placed_at");
        // placing it again keeps the hold as first placed; the 201 showed it as stored (microseconds)
        put("/api/lineage/" + id + "/hold", "{\"reason\": \"another reason\"}")
                .then()
                .statusCode(200)
                .body("reason", equalTo("litigation LIT-1234"))
                .body("placed_at", equalTo(placedAt));
        List<Map<String, Object>> placed = audit("hold_place", id);
        assertThat(placed).hasSize(2);
        assertThat(placed.get(0).get("user_id")).isEqualTo("test-admin");
        assertThat(placed.get(0).get("outcome")).isEqualTo("ok");
        assertThat(details(placed.get(0)).get("placed").asBoolean()).isTrue();
        assertThat(details(placed.get(0)).get("reason").asText()).isEqualTo("litigation LIT-1234");
        assertThat(details(placed.get(1)).get("placed").asBoolean()).isFalse();

        as(VIEWER_KEY)
                .get("/api/lineage/" + record.get("report_generation_id"))
                .then()
                .statusCode(200)
                .body("legal_hold", equalTo(true));
        as(VIEWER_KEY)
                .queryParam("lead_id", record.get("lead_id"))
                .get("/api/lineage/search")
                .then()
                .statusCode(200)
                .body("items.legal_hold", hasItem(true));

        assertThatThrownBy(() -> jdbc().update("DELETE FROM report_lineage WHERE id = ?", UUID.fromString(id)))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("legal hold");
        assertThatThrownBy(
                        () -> jdbc().update("DELETE FROM d6_report_generations WHERE id = ?", UUID.fromString((String)
                                record.get("report_generation_id"))))
                .as("the cascade from the report generation is refused too")
                .isInstanceOf(DataAccessException.class);
        assertThat(lineageCount(id)).isEqualTo(1);
        assertThat(audit("lineage_deleted", id)).isEmpty();

        as(ADMIN_KEY).delete("/api/lineage/" + id + "/hold").then().statusCode(204);
        as(ADMIN_KEY).delete("/api/lineage/" + id + "/hold").then().statusCode(204);
        List<Map<String, Object>> released = audit("hold_release", id);
        assertThat(released).hasSize(2);
        assertThat(details(released.get(0)).get("released").asBoolean()).isTrue();
        assertThat(details(released.get(1)).get("released").asBoolean()).isFalse();
        // beside the service's hold_release (who asked), the database's own account of the removed row
        List<Map<String, Object>> removed = audit("hold_deleted", id);
        assertThat(removed).hasSize(1);
        assertThat((String) removed.get(0).get("user_id")).startsWith("db:");
        assertThat(details(removed.get(0)).get("reason").asText()).isEqualTo("litigation LIT-1234");
        assertThat(details(removed.get(0)).get("placed_by").asText()).isEqualTo("test-admin");
        as(VIEWER_KEY)
                .get("/api/lineage/" + record.get("report_generation_id"))
                .then()
                .body("legal_hold", equalTo(false));

        // released: a hand-written DELETE now works and leaves evidence in the same transaction
        assertThat(jdbc().update("DELETE FROM report_lineage WHERE id = ?", UUID.fromString(id)))
                .isEqualTo(1);
        List<Map<String, Object>> deleted = audit("lineage_deleted", id);
        assertThat(deleted).hasSize(1);
        assertThat((String) deleted.get(0).get("user_id")).startsWith("db:");
        JsonNode evidence = details(deleted.get(0));
        assertThat(evidence.get("cause").asText()).isEqualTo("direct");
        assertThat(evidence.get("report_generation_id").asText()).isEqualTo(record.get("report_generation_id"));
        assertThat(evidence.get("lead_id").asText()).isEqualTo(record.get("lead_id"));
        assertThat(evidence.get("pipeline_run_id").asText()).isEqualTo(record.get("pipeline_run_id"));
        assertThat(evidence.get("template_version_id").asText()).isEqualTo("tpl@hold");
        assertThat(evidence.get("db_user").asText()).isNotBlank();
        assertThat(evidence.has("application_name")).isTrue();
    }

    @Test
    default void aLeadHoldCoversEveryRecordOfTheLeadIncludingOnesCapturedLater() throws Exception {
        UUID lead = UUID.randomUUID();
        Map<String, Object> before = capture(lead);
        Map<String, Object> other = capture(UUID.randomUUID());

        put("/api/leads/" + lead + "/hold", "{\"reason\": \"regulator inquiry 7\"}")
                .then()
                .statusCode(201)
                .body("scope", equalTo("lead"))
                .body("lead_id", equalTo(lead.toString()))
                .body("lineage_id", nullValue());
        Map<String, Object> after = capture(lead);
        assertThat(after.get("legal_hold")).isEqualTo(true);
        for (Map<String, Object> held : List.of(before, after)) {
            assertThatThrownBy(() -> jdbc().update("DELETE FROM report_lineage WHERE id = ?", UUID.fromString((String)
                            held.get("lineage_id"))))
                    .isInstanceOf(DataAccessException.class);
        }
        as(VIEWER_KEY)
                .get("/api/lineage/" + other.get("report_generation_id"))
                .then()
                .body("legal_hold", equalTo(false));
        Map<String, Object> row = jdbc().queryForMap(
                        "SELECT * FROM report_lineage_audit WHERE action = 'hold_place' AND details LIKE ?",
                        "%" + lead + "%");
        assertThat(row.get("lineage_id")).isNull();
        assertThat(details(row).get("scope").asText()).isEqualTo("lead");

        as(ADMIN_KEY).delete("/api/leads/" + lead + "/hold").then().statusCode(204);
        assertThat(jdbc().update("DELETE FROM report_lineage WHERE id = ?", UUID.fromString((String)
                        before.get("lineage_id"))))
                .isEqualTo(1);
    }

    /**
     * A record deleted by hand (an erasure) while its report stays is listed by the database, and the reconciler's
     * query, which finds completed reports without lineage to capture them again, passes it over; a report that
     * never had lineage it still finds, and retention's purges are not listed.
     */
    @Test
    default void aRecordDeletedByHandIsNotCapturedAgainByTheReconciler() throws Exception {
        Map<String, Object> erased = capture(UUID.randomUUID());
        UUID erasedReport = UUID.fromString((String) erased.get("report_generation_id"));
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        UUID neverCaptured =
                UUID.fromString((String) source().report(UUID.randomUUID(), finished.minusSeconds(30), finished)
                        .get("report_generation_id"));

        assertThat(jdbc().update("DELETE FROM report_lineage WHERE id = ?", UUID.fromString((String)
                        erased.get("lineage_id"))))
                .isEqualTo(1);
        assertThat(jdbc().queryForMap(
                                "SELECT lineage_id, cause FROM lineage_deleted_report WHERE report_generation_id = ?",
                                erasedReport))
                .containsEntry("lineage_id", UUID.fromString((String) erased.get("lineage_id")))
                .containsEntry("cause", "direct");
        assertThat(unreconciled()).contains(neverCaptured).doesNotContain(erasedReport);

        Map<String, Object> purged = capture(UUID.randomUUID());
        jdbc().execute((org.springframework.jdbc.core.ConnectionCallback<Object>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            try (var statement = connection.createStatement()) {
                // as retention declares its purges (routes/retention.yaml)
                statement.execute(
                        postgres
                                ? "SELECT set_config('lineage.cause', 'retention', true)"
                                : "SET @lineage_cause = 'retention'");
                statement.executeUpdate("DELETE FROM report_lineage WHERE id = '" + purged.get("lineage_id") + "'");
                if (!postgres) {
                    statement.execute("SET @lineage_cause = ''");
                }
                connection.commit();
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM lineage_deleted_report WHERE report_generation_id = ?",
                                Integer.class,
                                UUID.fromString((String) purged.get("report_generation_id"))))
                .as("retention's purges are the reconciler horizon's business")
                .isZero();
    }

    private List<UUID> unreconciled() {
        return jdbc().execute((org.springframework.jdbc.core.ConnectionCallback<List<UUID>>) connection -> {
            try {
                com.leadfactory.lineage.db.RouteSql sql = com.leadfactory.lineage.db.RouteSql.load(
                        new org.springframework.core.io.DefaultResourceLoader(),
                        "file:routes/sql",
                        "select-unreconciled-report-generations.sql");
                Map<String, Object> window = Map.of(
                        "cutoff", OffsetDateTime.now(ZoneOffset.UTC),
                        "horizon", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1),
                        "batch_size", 100_000);
                List<UUID> ids = new java.util.ArrayList<>();
                try (var statement = sql.prepare(connection, window);
                        var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject("id", UUID.class));
                    }
                }
                return ids;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    default void deletingAReportGenerationCascadesAndLeavesEvidence() throws Exception {
        Map<String, Object> record = capture(UUID.randomUUID());
        jdbc().update("DELETE FROM d6_report_generations WHERE id = ?", UUID.fromString((String)
                record.get("report_generation_id")));
        assertThat(lineageCount(record.get("lineage_id"))).isZero();
        List<Map<String, Object>> deleted = audit("lineage_deleted", record.get("lineage_id"));
        assertThat(deleted).hasSize(1);
        assertThat(details(deleted.get(0)).get("cause").asText()).isEqualTo("cascade");
    }

    @Test
    default void badInputIs400NamingTheFieldAndChangesNothing() {
        Map<String, Object> record = capture(UUID.randomUUID());
        String path = "/api/lineage/" + record.get("lineage_id") + "/hold";
        for (String body : List.of(
                "",
                "not json",
                "{}",
                "{\"reason\": 42}",
                "{\"reason\": \"ab\"}",
                "{\"reason\": \"   \"}",
                "{\"reason\": \"" + "x".repeat(501) + "\"}",
                "{\"reason\": \"line\\nbreak\"}",
                "{\"reason\": \"right\\u202Eleft\"}",
                "{\"reason\": \"first reason\", \"reason\": \"second reason\"}")) {
            put(path, body)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("reason"));
        }
        put("/api/lineage/not-a-uuid/hold", "{\"reason\": \"valid reason\"}")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lineage_id"));
        // a field a hold does not have is refused, not dropped: an expiry sent here would not expire anything
        put(path, "{\"reason\": \"valid reason\", \"until\": \"2030\"}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("until"));
        as(ADMIN_KEY).delete("/api/leads/nope/hold").then().statusCode(400).body("errors[0].field", equalTo("lead_id"));
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM lineage_legal_hold WHERE lineage_id = ?",
                                Integer.class,
                                UUID.fromString((String) record.get("lineage_id"))))
                .isZero();
        put(path, "{\"reason\": \"" + "x".repeat(500) + "\"}").then().statusCode(201);
    }

    @Test
    default void aMissingRecordOrLeadIs404AndNothingIsHeld() {
        UUID missing = UUID.randomUUID();
        put("/api/lineage/" + missing + "/hold", "{\"reason\": \"valid reason\"}")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(missing.toString()));
        as(ADMIN_KEY).delete("/api/lineage/" + missing + "/hold").then().statusCode(404);
        put("/api/leads/" + missing + "/hold", "{\"reason\": \"valid reason\"}")
                .then()
                .statusCode(404);
        as(ADMIN_KEY).delete("/api/leads/" + missing + "/hold").then().statusCode(404);
        assertThat(jdbc().queryForObject(
                                "SELECT COUNT(*) FROM lineage_legal_hold WHERE lineage_id = ? OR lead_id = ?",
                                Integer.class,
                                missing,
                                missing))
                .isZero();
        assertThat(audit("hold_place", missing))
                .extracting(r -> r.get("outcome"))
                .containsExactly("not_found");
        as(VIEWER_KEY)
                .contentType("application/json")
                .body("{\"reason\": \"valid reason\"}")
                .put("/api/lineage/" + missing + "/hold")
                .then()
                .statusCode(403);
    }
}
