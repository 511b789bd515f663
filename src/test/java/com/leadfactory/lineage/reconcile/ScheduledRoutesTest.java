package com.leadfactory.lineage.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.SourceData;
import com.leadfactory.lineage.support.UnguardedUpdate;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * routes/reconcile.yaml and routes/retention.yaml with their timers running fast on H2: the reconciler captures
 * a completed report whose message never came and skips one it cannot use; retention purges old rows in batches,
 * leaves the audit trail and audits its run; the storage measurement turns health to WARN above the threshold.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:lineage_scheduled;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=true",
            "lineage.reconcile.interval=300ms",
            "lineage.reconcile.grace=1m",
            "lineage.retention.enabled=true",
            "lineage.retention.max-age=30d",
            "lineage.retention.interval=500ms",
            "lineage.retention.batch-size=2",
            "lineage.retention.storage-warning-bytes=1B",
            "lineage.retention.storage-check-interval=300ms",
            "management.endpoint.health.show-details=always",
            "lineage.security.clients[0].name=test-admin",
            "lineage.security.clients[0].api-key=" + ScheduledRoutesTest.ADMIN_KEY,
            "lineage.security.clients[0].roles=admin",
        })
class ScheduledRoutesTest {

    static final String ADMIN_KEY = "scheduled-admin-key-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry registry;

    SourceData source;

    @BeforeEach
    void setUp() {
        source = new SourceData(jdbc);
    }

    @Test
    void capturesACompletedReportWhoseMessageNeverCameFromTheReportRow() throws Exception {
        OffsetDateTime finished =
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).withNano(0);
        Map<String, Object> lost = source.report(UUID.randomUUID(), finished.minusSeconds(30), finished);
        Map<String, Object> fresh = source.report(
                UUID.randomUUID(),
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5),
                OffsetDateTime.now(ZoneOffset.UTC));
        UUID incomplete = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status,"
                        + " created_at, updated_at) VALUES (?, ?, NULL, 'tpl@v1', 'completed', ?, ?)",
                incomplete,
                UUID.randomUUID(),
                finished,
                finished);

        Await.until(
                "the lost report is reconciled",
                Duration.ofSeconds(20),
                () -> source.lineageRows(lost.get("report_generation_id")) == 1);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT capture_source, pipeline_run_id, template_version_id, pipeline_start_time, pipeline_end_time"
                        + " FROM report_lineage WHERE report_generation_id = ?",
                UUID.fromString(lost.get("report_generation_id").toString()));
        assertThat(row.get("capture_source")).isEqualTo("reconciler");
        assertThat(row.get("pipeline_run_id").toString()).isEqualTo(lost.get("pipeline_run_id"));
        assertThat(row.get("template_version_id")).isEqualTo("tpl@v1");
        // the reconciler built that message itself: no digests, so the real message arriving late (with logs and
        // inputs the reconciled record never had) is the same report, not a conflict
        assertThat(jdbc.queryForObject(
                        "SELECT message_digests FROM report_lineage WHERE report_generation_id = ?",
                        Object.class,
                        UUID.fromString(lost.get("report_generation_id").toString())))
                .isNull();
        Map<String, Object> late = new java.util.LinkedHashMap<>(lost);
        late.put("pipeline_logs", List.of(Map.of("msg", "rendered")));
        late.put("inputs", Map.of("requested_by", "ops"));
        producer.requestBodyAndHeader(
                "direct:capture-lineage", MAPPER.writeValueAsBytes(late), "LineageCaptureSource", "rabbitmq");
        assertThat(source.lineageRows(lost.get("report_generation_id"))).isEqualTo(1);
        Await.until(
                "the incomplete report is skipped and counted",
                Duration.ofSeconds(20),
                () -> registry.counter("lineage.reconcile.skipped").count() >= 1);
        assertThat(source.lineageRows(incomplete)).isZero();
        assertThat(source.lineageRows(fresh.get("report_generation_id")))
                .as("a report inside the grace period is left to its message")
                .isZero();
        assertThat(registry.counter("lineage.reconciled").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void purgesOldLineageInBatchesKeepsTheAuditTrailAndAuditsTheRun() throws Exception {
        OffsetDateTime longAgo =
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(40).withNano(0);
        List<Map<String, Object>> old = List.of(
                source.report(UUID.randomUUID(), longAgo.minusSeconds(60), longAgo),
                source.report(UUID.randomUUID(), longAgo.minusSeconds(60), longAgo),
                source.report(UUID.randomUUID(), longAgo.minusSeconds(60), longAgo),
                source.report(UUID.randomUUID(), longAgo.minusSeconds(60), longAgo),
                source.report(UUID.randomUUID(), longAgo.minusSeconds(60), longAgo));
        Map<String, Object> recent = source.report();
        UUID readAudit = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, outcome) VALUES (?, ?, 'lookup',"
                        + " 'someone', 'ok')",
                readAudit,
                UUID.randomUUID());
        for (Map<String, Object> message : old) {
            producer.requestBodyAndHeader(
                    "direct:capture-lineage", MAPPER.writeValueAsBytes(message), "LineageCaptureSource", "test");
            UnguardedUpdate.ofLineage(
                    jdbc,
                    "UPDATE report_lineage SET created_at = ? WHERE report_generation_id = ?",
                    longAgo,
                    UUID.fromString(message.get("report_generation_id").toString()));
        }
        producer.requestBodyAndHeader(
                "direct:capture-lineage", MAPPER.writeValueAsBytes(recent), "LineageCaptureSource", "test");

        Await.until(
                "old rows are purged",
                Duration.ofSeconds(20),
                () -> old.stream().allMatch(m -> source.lineageRows(m.get("report_generation_id")) == 0));
        assertThat(source.lineageRows(recent.get("report_generation_id"))).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE id = ?", Integer.class, readAudit))
                .isEqualTo(1);
        // the rows may go in two runs, and a run writes its audit row after its last batch is committed: the rows
        // being gone does not mean the run that took the last of them is audited yet
        Await.until(
                "the purge runs that deleted rows are audited",
                Duration.ofSeconds(10),
                () -> purgeAudits().stream()
                                .mapToLong(d -> d.get("deleted").asLong())
                                .sum()
                        >= 5);
        List<JsonNode> runs = purgeAudits();
        assertThat(runs.stream().mapToLong(d -> d.get("deleted").asLong()).sum())
                .as("one audit row per run, the deleted counts add up")
                .isEqualTo(5);
        assertThat(runs.get(0).get("cutoff").asText()).isNotBlank();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM report_lineage_audit WHERE action = 'purge' AND (lineage_id IS NOT NULL"
                                + " OR user_id <> 'system:retention' OR outcome <> 'ok')",
                        Integer.class))
                .isZero();
        // the purged reports are older than max-age: sweeps that run after the purge must not capture them again
        NotifyBuilder twoSweeps = new NotifyBuilder(camel)
                .fromRoute("reconcile-lineage")
                .whenCompleted(2)
                .create();
        assertThat(twoSweeps.matches(20, TimeUnit.SECONDS))
                .as("two reconcile sweeps after the purge")
                .isTrue();
        assertThat(old.stream().mapToInt(m -> source.lineageRows(m.get("report_generation_id"))))
                .containsOnly(0);
    }

    @Test
    void healthWarnsAboveTheStorageThresholdAndStillAnswers200() {
        Await.until(
                "storage is measured",
                Duration.ofSeconds(20),
                () -> registry.find("lineage.storage.bytes").gauge().value() > 0);
        RestAssured.given().port(port).get("/actuator/health").then().statusCode(200);
        RestAssured.given()
                .port(port)
                .header("X-API-Key", ADMIN_KEY) // components are shown to authenticated callers only
                .get("/actuator/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("WARN"))
                .body("components.lineageStorage.status", equalTo("WARN"));
        String prometheus = RestAssured.given()
                .port(port)
                .header("X-API-Key", ADMIN_KEY)
                .get("/actuator/prometheus")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(prometheus).contains("lineage_storage_bytes", "lineage_coverage", "lineage_reconciled_total");
    }

    private List<JsonNode> purgeAudits() {
        return jdbc
                .queryForList(
                        "SELECT details FROM report_lineage_audit WHERE action = 'purge' ORDER BY accessed_at",
                        String.class)
                .stream()
                .map(text -> {
                    try {
                        return MAPPER.readTree(text);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }
}
