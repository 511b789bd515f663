package com.leadfactory.lineage.query;

import com.leadfactory.lineage.db.SqlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Turns the limit + 1 rows a keyset query fetched into {@code {"items": [...], "next_cursor": ...}}: the extra
 * row only says that another page exists, and the cursor points after the last row served.
 */
@Component("pageBuilder")
public class PageBuilder {

    private final LineageSummaryMapper summaries;

    public PageBuilder(LineageSummaryMapper summaries) {
        this.summaries = summaries;
    }

    public Map<String, Object> lineagePage(List<Map<String, Object>> rows, Map<String, Object> search) {
        return page(rows, search, "created_at", summaries::toSummary);
    }

    public Map<String, Object> auditPage(List<Map<String, Object>> rows, Map<String, Object> search) {
        return page(rows, search, "accessed_at", AuditEntries::toEntry);
    }

    /** What a search audit row records: the criteria as given and how many rows were served. */
    public Map<String, Object> searchAuditDetails(Map<String, Object> search, List<Map<String, Object>> rows) {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (String key : List.of("lead_id", "pipeline_run_id", "template_version_id", "pdf_sha256", "from", "to")) {
            if (search.get(key) != null) {
                criteria.put(key, search.get(key).toString());
            }
        }
        details.put("criteria", criteria);
        details.put("paged", search.get("after_id") != null);
        details.put("result_count", Math.min(rows.size(), (Integer) search.get("limit")));
        return details;
    }

    private static Map<String, Object> page(
            List<Map<String, Object>> rows,
            Map<String, Object> search,
            String timeColumn,
            Function<Map<String, Object>, Map<String, Object>> toItem) {
        int limit = (Integer) search.get("limit");
        List<Map<String, Object>> served = rows.size() > limit ? rows.subList(0, limit) : rows;
        List<Map<String, Object>> items = new ArrayList<>(served.size());
        for (Map<String, Object> row : served) {
            items.add(toItem.apply(row));
        }
        String next = null;
        if (rows.size() > limit) {
            Map<String, Object> last = served.get(served.size() - 1);
            next = new KeysetCursor(SqlValues.instant(last.get(timeColumn)), SqlValues.uuid(last.get("id"))).encode();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next_cursor", next);
        return page;
    }
}
