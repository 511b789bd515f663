package com.leadfactory.lineage.query;

import com.leadfactory.lineage.db.SqlValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A report_lineage row (without logs and bytes) as the API's snake_case summary (DESIGN §6). */
@Component("lineageSummaryMapper")
public class LineageSummaryMapper {

    public Map<String, Object> toSummary(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        String lineageId = String.valueOf(SqlValues.uuid(row.get("id")));
        String reportId = String.valueOf(SqlValues.uuid(row.get("report_generation_id")));
        Instant started = SqlValues.instant(row.get("pipeline_start_time"));
        Instant finished = SqlValues.instant(row.get("pipeline_end_time"));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lineage_id", lineageId);
        summary.put("report_generation_id", reportId);
        summary.put("lead_id", String.valueOf(SqlValues.uuid(row.get("lead_id"))));
        summary.put("pipeline_run_id", String.valueOf(SqlValues.uuid(row.get("pipeline_run_id"))));
        summary.put("template_version_id", row.get("template_version_id"));
        summary.put("pipeline_started_at", started.toString());
        summary.put("pipeline_finished_at", finished.toString());
        summary.put(
                "pipeline_duration_seconds",
                BigDecimal.valueOf(Duration.between(started, finished).toMillis())
                        .divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP));
        summary.put("raw_inputs_size_bytes", number(row.get("raw_inputs_size_bytes")));
        summary.put("raw_inputs_compressed_bytes", number(row.get("raw_inputs_compressed_bytes")));
        summary.put("compression_ratio", row.get("compression_ratio"));
        summary.put("raw_inputs_sha256", SqlValues.trimmed(row.get("raw_inputs_sha256")));
        summary.put("pdf_sha256", SqlValues.trimmed(row.get("pdf_sha256")));
        summary.put("truncated", Boolean.TRUE.equals(row.get("truncated")));
        summary.put("capture_source", row.get("capture_source"));
        summary.put("created_at", SqlValues.instant(row.get("created_at")).toString());
        summary.put("access_count", number(row.get("access_count")));
        Instant lastAccess = SqlValues.instant(row.get("last_accessed_at"));
        summary.put("last_accessed_at", lastAccess == null ? null : lastAccess.toString());
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/lineage/" + reportId);
        links.put("logs", "/api/lineage/" + lineageId + "/logs");
        links.put("download", "/api/lineage/" + lineageId + "/download");
        links.put("bundle", "/api/lineage/" + lineageId + "/bundle");
        links.put("audit", "/api/lineage/" + lineageId + "/audit");
        summary.put("links", links);
        return summary;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
