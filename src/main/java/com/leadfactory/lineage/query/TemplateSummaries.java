package com.leadfactory.lineage.query;

import com.leadfactory.lineage.db.SqlValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** GET /api/templates's answer from select-template-summaries.sql rows. */
@Component("templateSummaries")
public class TemplateSummaries {

    public TemplateList list(List<Map<String, Object>> rows) {
        return new TemplateList(rows.stream()
                .map(row -> {
                    String template = (String) row.get("template_version_id");
                    return new TemplateVersion(
                            template,
                            ((Number) row.get("report_count")).longValue(),
                            SqlValues.instant(row.get("first_captured_at")).toString(),
                            SqlValues.instant(row.get("last_captured_at")).toString(),
                            "/api/lineage/search?template_version_id="
                                    + URLEncoder.encode(template, StandardCharsets.UTF_8));
                })
                .toList());
    }
}
