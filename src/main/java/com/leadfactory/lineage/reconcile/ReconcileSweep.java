package com.leadfactory.lineage.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.ReconcileProperties;
import com.leadfactory.lineage.config.RetentionProperties;
import com.leadfactory.lineage.db.SqlValues;
import com.leadfactory.lineage.query.LineageSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The Java half of {@code routes/reconcile.yaml}: the sweep window, the message built from a report row, counts. */
@Component("reconcileSweep")
public class ReconcileSweep {

    private static final Logger log = LoggerFactory.getLogger(ReconcileSweep.class);
    private static final OffsetDateTime NO_HORIZON = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final ReconcileProperties properties;
    private final RetentionProperties retention;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Counter reconciled;
    private final Counter skipped;
    private final Counter failed;

    @Autowired
    public ReconcileSweep(
            ReconcileProperties properties,
            RetentionProperties retention,
            ObjectMapper mapper,
            MeterRegistry registry) {
        this(properties, retention, mapper, registry, Clock.systemUTC());
    }

    ReconcileSweep(
            ReconcileProperties properties,
            RetentionProperties retention,
            ObjectMapper mapper,
            MeterRegistry registry,
            Clock clock) {
        this.properties = properties;
        this.retention = retention;
        this.mapper = mapper;
        this.clock = clock;
        this.reconciled = Counter.builder("lineage.reconciled")
                .description("completed reports captured by the reconciler because their message never arrived")
                .register(registry);
        this.skipped = Counter.builder("lineage.reconcile.skipped")
                .description("completed reports the reconciler cannot capture (no pipeline_run_id or template)")
                .register(registry);
        this.failed = Counter.builder("lineage.reconcile.failed")
                .description("reconciler captures that failed; retried next sweep")
                .register(registry);
    }

    /** Sets the parameters of the sweep's query as exchange properties (routes/sql/README.md). */
    public void window(Exchange exchange) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        exchange.setProperty("cutoff", now.minus(properties.getGrace()));
        exchange.setProperty("horizon", retention.isEnabled() ? now.minus(retention.getMaxAge()) : NO_HORIZON);
        exchange.setProperty("batch_size", properties.getBatchSize());
    }

    /** The completion message a report row stands for: pipeline start and end are the row's created/updated. */
    public byte[] completionFor(Map<String, Object> row) throws JsonProcessingException {
        Instant started = SqlValues.instant(row.get("created_at"));
        Instant updated = SqlValues.instant(row.get("updated_at"));
        Instant finished = updated.isBefore(started) ? started : updated;
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("report_generation_id", String.valueOf(SqlValues.uuid(row.get("id"))));
        completion.put("lead_id", String.valueOf(SqlValues.uuid(row.get("lead_id"))));
        completion.put("pipeline_run_id", String.valueOf(SqlValues.uuid(row.get("pipeline_run_id"))));
        completion.put("template_version_id", SqlValues.trimmed(row.get("template_version_id")));
        completion.put("pipeline_started_at", started.toString());
        completion.put("pipeline_finished_at", finished.toString());
        Map<String, Object> pdf = new LinkedHashMap<>();
        if (row.get("pdf_uri") != null) {
            pdf.put("uri", row.get("pdf_uri").toString());
        }
        if (row.get("pdf_sha256") != null) {
            pdf.put("sha256", SqlValues.trimmed(row.get("pdf_sha256")));
        }
        if (!pdf.isEmpty()) {
            completion.put("pdf", pdf);
        }
        completion.put(
                "inputs",
                Map.of(
                        "reconciled",
                        true,
                        "note",
                        "no completion message arrived within " + properties.getGrace()
                                + "; captured from d6_report_generations"));
        return mapper.writeValueAsBytes(completion);
    }

    public void captured(String outcome, LineageSummary summary) {
        if ("created".equals(outcome)) {
            reconciled.increment();
            log.info(
                    "Reconciled report {}: its completion message never arrived; lineage captured from the report row.",
                    summary.reportGenerationId());
        }
    }

    public void skipped(Map<String, Object> row) {
        skipped.increment();
        log.warn(
                "Completed report {} has no lineage and cannot be reconciled: pipeline_run_id={}, template_version_id={}."
                        + " Fix the d6_report_generations row or post its completion message.",
                row.get("id"),
                row.get("pipeline_run_id"),
                row.get("template_version_id"));
    }

    public void failed(Exchange exchange) {
        failed.increment();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        log.warn(
                "Reconciling completed report {} failed (retried next sweep): {}",
                exchange.getProperty("reconcileReportId"),
                failure == null ? "unknown" : failure.toString());
    }
}
