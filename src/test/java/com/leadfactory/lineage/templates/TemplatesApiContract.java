package com.leadfactory.lineage.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.support.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/templates and the summary its trigger keeps, over real HTTP; H2 and PostgreSQL. */
interface TemplatesApiContract extends ApiTestSupport {

    private Map<String, Object> capture(String template) {
        Map<String, Object> message = source().withTemplate(source().report(), template);
        return postCompletion(message);
    }

    private List<Map<String, Object>> templates() {
        return as(VIEWER_KEY)
                .get("/api/templates")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath()
                .getList("templates");
    }

    private Optional<Map<String, Object>> template(String id) {
        return templates().stream()
                .filter(t -> id.equals(t.get("template_version_id")))
                .findFirst();
    }

    @Test
    default void listsEachTemplateWithItsCountsNewestFirstAndAuditsTheRead() {
        String older = "tpl@older-" + UUID.randomUUID();
        String newer = "tpl@newer " + UUID.randomUUID();
        Map<String, Object> first = capture(older);
        Map<String, Object> second = capture(older);
        capture(newer);

        Map<String, Object> olderRow = template(older).orElseThrow();
        assertThat(olderRow.get("report_count")).isEqualTo(2);
        assertThat(olderRow.get("first_captured_at")).isEqualTo(first.get("created_at"));
        assertThat(olderRow.get("last_captured_at")).isEqualTo(second.get("created_at"));
        assertThat((String) template(newer).orElseThrow().get("search"))
                .isEqualTo("/api/lineage/search?template_version_id="
                        + newer.replace(" ", "+").replace("@", "%40"));
        List<Object> order =
                templates().stream().map(t -> t.get("template_version_id")).toList();
        assertThat(order.indexOf(newer)).isLessThan(order.indexOf(older));

        Integer audited = jdbc().queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'templates' AND user_id = 'test-viewer'",
                        Integer.class);
        assertThat(audited).isGreaterThanOrEqualTo(4);
        as(INGEST_KEY).get("/api/templates").then().statusCode(403);
    }

    @Test
    default void deletesKeepTheSummaryRight() {
        String template = "tpl@deleted-" + UUID.randomUUID();
        Map<String, Object> a = capture(template);
        Map<String, Object> b = capture(template);
        Map<String, Object> c = capture(template);
        // like a retention batch: the oldest and the newest go in one statement
        jdbc().update(
                        "DELETE FROM report_lineage WHERE id IN (?, ?)",
                        UUID.fromString((String) a.get("lineage_id")),
                        UUID.fromString((String) c.get("lineage_id")));
        Map<String, Object> left = template(template).orElseThrow();
        assertThat(left.get("report_count")).isEqualTo(1);
        assertThat(left.get("first_captured_at")).isEqualTo(b.get("created_at"));
        assertThat(left.get("last_captured_at")).isEqualTo(b.get("created_at"));

        jdbc().update("DELETE FROM report_lineage WHERE id = ?", UUID.fromString((String) b.get("lineage_id")));
        assertThat(template(template)).isEmpty();
        capture(template);
        assertThat(template(template).orElseThrow().get("report_count")).isEqualTo(1);
    }

    @Test
    default void theSummaryAgreesWithTheLineageTable() {
        capture("tpl@agree-" + UUID.randomUUID());
        List<Map<String, Object>> fromTable = jdbc().queryForList(
                        "SELECT template_version_id, COUNT(*) AS n, MIN(created_at) AS first_at, MAX(created_at) AS last_at"
                                + " FROM report_lineage GROUP BY template_version_id ORDER BY template_version_id");
        List<Map<String, Object>> fromSummary = jdbc().queryForList(
                        "SELECT template_version_id, report_count AS n, first_captured_at AS first_at,"
                                + " last_captured_at AS last_at FROM report_template_summary ORDER BY template_version_id");
        assertThat(fromSummary.toString()).isEqualTo(fromTable.toString());
    }
}
