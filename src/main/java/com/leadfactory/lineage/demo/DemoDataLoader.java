package com.leadfactory.lineage.demo;

import com.leadfactory.lineage.db.JsonColumns;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Demo source data (three leads with assessment and enrichment rows) and a handful of captured reports, so a
 * first run has lineage to look at. Ids are derived from fixed names: a restart finds them and adds nothing.
 * Reports are captured through the real route, exactly as an upstream completion would be.
 */
@Component
@ConditionalOnProperty(name = "lineage.demo.enabled", havingValue = "true")
public class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final String[] TEMPLATES = {"audit-report@v3.2.0", "audit-report@v3.3.0-beta"};
    private static final String[] LEVELS = {"DEBUG", "INFO", "INFO", "INFO", "WARN", "ERROR"};

    private final JdbcTemplate jdbc;
    private final ProducerTemplate producer;
    private final JsonColumns jsonColumns;

    public DemoDataLoader(JdbcTemplate jdbc, ProducerTemplate producer, JsonColumns jsonColumns) {
        this.jdbc = jdbc;
        this.producer = producer;
        this.jsonColumns = jsonColumns;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        UUID firstReport = id("report-1-1");
        Integer existing = jdbc.queryForObject(
                "SELECT COUNT(*) FROM d6_report_generations WHERE id = ?", Integer.class, firstReport);
        if (existing != null && existing > 0) {
            log.info("Demo data already present; nothing added.");
            return;
        }
        int captured = 0;
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).withNano(0);
        for (int lead = 1; lead <= 3; lead++) {
            UUID leadId = id("lead-" + lead);
            OffsetDateTime sourceTime = base.plusHours(lead);
            insertSourceRows(leadId, lead, sourceTime);
            for (int report = 1; report <= 2; report++) {
                OffsetDateTime started = sourceTime.plusHours(report * 2L);
                int logEntries = lead == 1 && report == 2 ? 20_000 : 40 + 30 * lead;
                captureReport(leadId, lead, report, started, logEntries);
                captured++;
            }
        }
        log.info("Demo data loaded: 3 leads, {} captured reports (one with a 20,000-entry log).", captured);
    }

    private void insertSourceRows(UUID leadId, int lead, OffsetDateTime at) {
        String[] kinds = {"pagespeed", "tech_stack", "seo_audit", "ai_insights"};
        for (int k = 0; k < kinds.length; k++) {
            jdbc.update(
                    "INSERT INTO assessment_results (id, lead_id, pipeline_run_id, kind, payload, created_at)"
                            + " VALUES (?, ?, NULL, ?, ?, ?)",
                    id("assessment-" + lead + "-" + k),
                    leadId,
                    kinds[k],
                    json("{\"score\": " + (55 + 10 * k + lead) + ", \"kind\": \"" + kinds[k]
                            + "\", \"findings\": [\"render-blocking resources\", \"no meta description\"],"
                            + " \"fetched_url\": \"https://lead" + lead + ".example.com/\"}"),
                    at.plusMinutes(k));
        }
        String[] sources = {"clearbit", "hunter", "google_places"};
        for (int s = 0; s < sources.length; s++) {
            jdbc.update(
                    "INSERT INTO enrichment_results (id, lead_id, source, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                    id("enrichment-" + lead + "-" + s),
                    leadId,
                    sources[s],
                    json("{\"company\": \"Lead " + lead + " Plumbing\", \"employees\": " + (5 * lead + s)
                            + ", \"contact\": {\"email\": \"owner@lead" + lead + ".example.com\","
                            + " \"api_key\": \"sk_live_demo_should_be_masked\"}}"),
                    at.plusMinutes(10 + s));
        }
    }

    private void captureReport(UUID leadId, int lead, int report, OffsetDateTime started, int logEntries) {
        UUID reportId = id("report-" + lead + "-" + report);
        UUID runId = id("run-" + lead + "-" + report);
        String template = TEMPLATES[(lead + report) % TEMPLATES.length];
        OffsetDateTime finished = started.plusSeconds(40 + 7L * lead + 3L * report);
        String sha = sha256Hex("demo-pdf-" + lead + "-" + report);
        jdbc.update(
                "INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status,"
                        + " created_at, updated_at, pdf_uri, pdf_sha256) VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?)",
                reportId,
                leadId,
                runId,
                template,
                started,
                finished,
                "s3://reports/demo/" + reportId + ".pdf",
                sha);
        String body = "{\"report_generation_id\":\"" + reportId + "\",\"lead_id\":\"" + leadId
                + "\",\"pipeline_run_id\":\"" + runId + "\",\"template_version_id\":\"" + template
                + "\",\"pipeline_started_at\":\"" + started + "\",\"pipeline_finished_at\":\"" + finished
                + "\",\"pdf\":{\"uri\":\"s3://reports/demo/" + reportId + ".pdf\",\"sha256\":\"" + sha
                + "\",\"size_bytes\":" + (180_000 + lead * 1000 + report) + "},\"pipeline_logs\":"
                + logs(started, logEntries) + ",\"inputs\":{\"requested_by\":\"demo\"}}";
        producer.sendBodyAndHeader("direct:capture-lineage", body, "LineageCaptureSource", "demo");
    }

    static String logs(OffsetDateTime started, int entries) {
        StringBuilder out = new StringBuilder(entries * 250).append('[');
        String[] stages = {"fetch", "assess", "enrich", "score", "render", "pdf"};
        for (int i = 0; i < entries; i++) {
            if (i > 0) {
                out.append(',');
            }
            String stage = stages[i * stages.length / entries];
            String level = LEVELS[(i * 7 + i / 13) % LEVELS.length];
            out.append("{\"ts\":\"")
                    .append(started.plusNanos(i * 1_500_000L))
                    .append("\",\"level\":\"")
                    .append(level)
                    .append("\",\"stage\":\"")
                    .append(stage)
                    .append("\",\"msg\":\"")
                    .append(stage)
                    .append(" step ")
                    .append(i)
                    .append(level.equals("ERROR") ? " failed: upstream timeout after 3 retries" : " completed")
                    .append("\",\"duration_ms\":")
                    .append((i * 37) % 900)
                    .append(",\"attempt\":")
                    .append(1 + i % 3)
                    .append('}');
        }
        return out.append(']').toString();
    }

    private Object json(String text) {
        return jsonColumns.bind(text);
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("lineage-demo:" + name).getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
