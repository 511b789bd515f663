package com.leadfactory.lineage.stats;

import com.leadfactory.lineage.ingest.DeadLetterQueueDepth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Capture coverage and storage, as measured last: the {@code lineage.coverage} and {@code lineage.storage.bytes}
 * gauges, the storage health check, and the body of {@code GET /api/lineage/stats}.
 */
@Component("lineageStats")
public class LineageStats {

    private final DeadLetterQueueDepth deadLetters;
    private final AtomicReference<Double> coverage = new AtomicReference<>();
    private final AtomicReference<Long> storageBytes = new AtomicReference<>();

    public LineageStats(DeadLetterQueueDepth deadLetters, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        Gauge.builder("lineage.coverage", coverage, c -> c.get() == null ? Double.NaN : c.get())
                .description("share of completed reports that have a lineage row (0..1)")
                .register(registry);
        Gauge.builder("lineage.storage.bytes", storageBytes, s -> s.get() == null ? Double.NaN : s.get())
                .baseUnit("bytes")
                .description("bytes used by report_lineage and report_lineage_audit (estimate on H2)")
                .register(registry);
    }

    /** The stats document; {@code coverageRow} is a row of select-completed-report-coverage.sql. */
    public LineageStatsReport report(
            List<Map<String, Object>> bySourceRows, Map<String, Object> coverageRow, Map<String, Object> outboxRow) {
        Map<String, Long> bySource = new LinkedHashMap<>();
        long total = 0;
        for (Map<String, Object> row : bySourceRows) {
            long captured = ((Number) row.get("captured")).longValue();
            bySource.put(String.valueOf(row.get("capture_source")), captured);
            total += captured;
        }
        return new LineageStatsReport(
                total,
                bySource,
                deadLetters.messages(),
                ((Number) coverageRow.get("completed_reports")).longValue(),
                ((Number) coverageRow.get("completed_reports_with_lineage")).longValue(),
                recordCoverage(coverageRow),
                outbox(outboxRow));
    }

    /** A row of routes/sql/select-openlineage-outbox-counts.sql. */
    static LineageStatsReport.OpenLineageOutboxStats outbox(Map<String, Object> row) {
        Object oldest = row.get("oldest_pending_at");
        String oldestText = null;
        if (oldest instanceof java.sql.Timestamp timestamp) {
            oldestText = timestamp.toInstant().toString();
        } else if (oldest instanceof java.time.OffsetDateTime time) {
            oldestText = time.toInstant().toString();
        } else if (oldest != null) {
            oldestText = oldest.toString();
        }
        return new LineageStatsReport.OpenLineageOutboxStats(
                ((Number) row.get("pending")).longValue(), ((Number) row.get("parked")).longValue(), oldestText);
    }

    /** Records and returns the coverage of a select-completed-report-coverage.sql row; null with no reports. */
    public Double recordCoverage(Map<String, Object> coverageRow) {
        long completed = ((Number) coverageRow.get("completed_reports")).longValue();
        long withLineage = ((Number) coverageRow.get("completed_reports_with_lineage")).longValue();
        Double ratio = completed == 0
                ? null
                : BigDecimal.valueOf(withLineage)
                        .divide(BigDecimal.valueOf(completed), 6, RoundingMode.DOWN)
                        .doubleValue();
        coverage.set(ratio);
        return ratio;
    }

    /** {@code measured}: the single value of a select-storage-bytes-*.sql query (camel-sql unwraps one column). */
    public void recordStorage(Object measured) {
        Object bytes = measured instanceof Map<?, ?> row ? row.get("bytes") : measured;
        storageBytes.set(bytes instanceof Number number ? number.longValue() : null);
    }

    /** Bytes used by the lineage tables at the last measurement, or null before the first. */
    public Long storageBytes() {
        return storageBytes.get();
    }
}
