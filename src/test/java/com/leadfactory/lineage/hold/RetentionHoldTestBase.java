package com.leadfactory.lineage.hold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.Await;
import com.leadfactory.lineage.support.SourceData;
import com.leadfactory.lineage.support.UnguardedUpdate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * routes/retention.yaml with legal holds, its timer running fast: held records (their own hold or their lead's)
 * outlive their retention age, are counted in the run's audit row, and every purged record leaves a
 * lineage_deleted row with cause 'retention'. Subclasses pick the database.
 */
@SpringBootTest(
        properties = {
            "lineage.demo.enabled=false",
            "lineage.reconcile.enabled=false",
            "lineage.retention.enabled=true",
            "lineage.retention.max-age=30d",
            "lineage.retention.interval=500ms",
            "lineage.retention.batch-size=2",
        })
abstract class RetentionHoldTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate producer;

    @Test
    void retentionSkipsHeldRecordsCountsThemAndLeavesEvidenceOfEveryPurge() throws Exception {
        SourceData source = new SourceData(jdbc);
        OffsetDateTime longAgo =
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(40).withNano(0);
        UUID heldLead = UUID.randomUUID();
        List<UUID> leads = List.of(UUID.randomUUID(), heldLead, UUID.randomUUID(), UUID.randomUUID());
        List<UUID> ids = new java.util.ArrayList<>();
        for (UUID lead : leads) {
            Map<String, Object> message = source.report(lead, longAgo.minusSeconds(60), longAgo);
            producer.requestBodyAndHeader(
                    "direct:capture-lineage", MAPPER.writeValueAsBytes(message), "LineageCaptureSource", "test");
            ids.add(jdbc.queryForObject(
                    "SELECT id FROM report_lineage WHERE report_generation_id = ?",
                    UUID.class,
                    UUID.fromString(message.get("report_generation_id").toString())));
        }
        UUID heldRecord = ids.get(0);
        UUID heldByLead = ids.get(1);
        jdbc.update(
                "INSERT INTO lineage_legal_hold (id, lineage_id, reason, placed_by, placed_at) VALUES (?, ?, 'case 1',"
                        + " 'test', CURRENT_TIMESTAMP)",
                UUID.randomUUID(),
                heldRecord);
        jdbc.update(
                "INSERT INTO lineage_legal_hold (id, lead_id, reason, placed_by, placed_at) VALUES (?, ?, 'case 2',"
                        + " 'test', CURRENT_TIMESTAMP)",
                UUID.randomUUID(),
                heldLead);
        for (UUID id : ids) {
            UnguardedUpdate.ofLineage(jdbc, "UPDATE report_lineage SET created_at = ? WHERE id = ?", longAgo, id);
        }

        Await.until(
                "the unheld old records are purged",
                Duration.ofSeconds(30),
                () -> count("SELECT COUNT(*) FROM report_lineage WHERE id IN (?, ?)", ids.get(2), ids.get(3)) == 0);
        assertThat(count("SELECT COUNT(*) FROM report_lineage WHERE id IN (?, ?)", heldRecord, heldByLead))
                .as("held records survive retention")
                .isEqualTo(2);
        for (UUID purged : List.of(ids.get(2), ids.get(3))) {
            Map<String, Object> evidence = jdbc.queryForMap(
                    "SELECT * FROM report_lineage_audit WHERE action = 'lineage_deleted' AND lineage_id = ?", purged);
            assertThat(MAPPER.readTree((String) evidence.get("details"))
                            .get("cause")
                            .asText())
                    .isEqualTo("retention");
        }
        Await.until(
                "a purge run counts the held records it skipped",
                Duration.ofSeconds(10),
                () -> purgeAudits().stream().anyMatch(d -> d.get("held_skipped").asLong() >= 2));

        // the H2 session variable does not leak: a later hand-written DELETE is 'direct'
        jdbc.update("DELETE FROM lineage_legal_hold WHERE lineage_id = ?", heldRecord);
        assertThat(jdbc.update("DELETE FROM report_lineage WHERE id = ?", heldRecord))
                .isEqualTo(1);
        Map<String, Object> direct = jdbc.queryForMap(
                "SELECT * FROM report_lineage_audit WHERE action = 'lineage_deleted' AND lineage_id = ?", heldRecord);
        assertThat(MAPPER.readTree((String) direct.get("details")).get("cause").asText())
                .isEqualTo("direct");
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    private List<JsonNode> purgeAudits() {
        return jdbc
                .queryForList(
                        "SELECT details FROM report_lineage_audit WHERE action = 'purge' ORDER BY accessed_at",
                        String.class)
                .stream()
                .map(d -> {
                    try {
                        return MAPPER.readTree(d);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
