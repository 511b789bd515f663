package com.leadfactory.lineage.query;

import com.leadfactory.lineage.db.SqlValues;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A report_lineage row (without logs and bytes) as the API's snake_case summary. */
@Component("lineageSummaryMapper")
public class LineageSummaryMapper {

    public LineageSummary toSummary(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        String lineageId = String.valueOf(SqlValues.uuid(row.get("id")));
        String reportId = String.valueOf(SqlValues.uuid(row.get("report_generation_id")));
        Instant started = SqlValues.instant(row.get("pipeline_start_time"));
        Instant finished = SqlValues.instant(row.get("pipeline_end_time"));
        String record = "/api/lineage/" + lineageId;
        return new LineageSummary(
                lineageId,
                reportId,
                String.valueOf(SqlValues.uuid(row.get("lead_id"))),
                String.valueOf(SqlValues.uuid(row.get("pipeline_run_id"))),
                (String) row.get("template_version_id"),
                SqlValues.instantText(started),
                SqlValues.instantText(finished),
                // whole milliseconds as seconds with three decimals
                BigDecimal.valueOf(Duration.between(started, finished).toMillis(), 3),
                number(row.get("raw_inputs_size_bytes")),
                number(row.get("raw_inputs_compressed_bytes")),
                (BigDecimal) row.get("compression_ratio"),
                SqlValues.trimmed(row.get("raw_inputs_sha256")),
                SqlValues.trimmed(row.get("pdf_sha256")),
                Boolean.TRUE.equals(row.get("truncated")),
                (String) row.get("capture_source"),
                SqlValues.instantText(row.get("created_at")),
                number(row.get("access_count")),
                SqlValues.instantText(row.get("last_accessed_at")),
                new LineageSummary.Links(
                        "/api/lineage/" + reportId,
                        record + "/logs",
                        record + "/download",
                        record + "/bundle",
                        record + "/audit"),
                Boolean.TRUE.equals(row.get("legal_hold")));
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
