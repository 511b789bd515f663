package com.leadfactory.lineage.support;

import com.leadfactory.lineage.db.JsonColumns;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes the LeadFactory stand-in rows a completion refers to, and builds completion bodies. */
public class SourceData {

    private final JdbcTemplate jdbc;
    private final JsonColumns jsonColumns;

    public SourceData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        try {
            this.jsonColumns = new JsonColumns(jdbc.getDataSource());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new report generation row (status completed) and its completion message as a mutable map. */
    public Map<String, Object> report(UUID leadId, OffsetDateTime started, OffsetDateTime finished) {
        UUID reportId = UUID.randomUUID();
        UUID runId = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status,"
                        + " created_at, updated_at) VALUES (?, ?, ?, 'tpl@v1', 'completed', ?, ?)",
                reportId,
                leadId,
                runId,
                started,
                finished);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("report_generation_id", reportId.toString());
        message.put("lead_id", leadId.toString());
        message.put("pipeline_run_id", runId.toString());
        message.put("template_version_id", "tpl@v1");
        message.put("pipeline_started_at", started.toString());
        message.put("pipeline_finished_at", finished.toString());
        return message;
    }

    /**
     * Gives a report (its d6_report_generations row and the completion message) another template version: a
     * completion whose triplet contradicts its report generation is refused with 422.
     */
    public Map<String, Object> withTemplate(Map<String, Object> message, String template) {
        jdbc.update(
                "UPDATE d6_report_generations SET template_version_id = ? WHERE id = ?",
                template,
                UUID.fromString(message.get("report_generation_id").toString()));
        message.put("template_version_id", template);
        return message;
    }

    public Map<String, Object> report() {
        OffsetDateTime finished = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        return report(UUID.randomUUID(), finished.minusSeconds(42), finished);
    }

    public UUID assessment(UUID leadId, String kind, String payloadJson, OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO assessment_results (id, lead_id, pipeline_run_id, kind, payload, created_at)"
                        + " VALUES (?, ?, NULL, ?, ?, ?)",
                id,
                leadId,
                kind,
                json(payloadJson),
                createdAt);
        return id;
    }

    public UUID enrichment(UUID leadId, String sourceName, String payloadJson, OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO enrichment_results (id, lead_id, source, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                id,
                leadId,
                sourceName,
                json(payloadJson),
                createdAt);
        return id;
    }

    public int lineageRows(Object reportId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM report_lineage WHERE report_generation_id = ?",
                Integer.class,
                UUID.fromString(reportId.toString()));
    }

    private Object json(String text) {
        return jsonColumns.bind(text);
    }
}
