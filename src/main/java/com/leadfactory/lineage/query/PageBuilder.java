package com.leadfactory.lineage.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.db.SqlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns the limit + 1 rows a keyset query fetched into {@code {"items": [...], "next_cursor": ...}}: the extra
 * row only says that another page exists, and the cursor points after the last row served.
 */
@Component("pageBuilder")
public class PageBuilder {

    /** Where the count goes in a search's audit details: their last field. */
    private static final String COUNT_FIELD = "\"result_count\":";

    private final LineageSummaryMapper summaries;
    private final ObjectMapper mapper;

    public PageBuilder(LineageSummaryMapper summaries, ObjectMapper mapper) {
        this.summaries = summaries;
        this.mapper = mapper;
    }

    public LineagePage lineagePage(List<Map<String, Object>> rows, Map<String, Object> search) {
        return new LineagePage(items(rows, search, summaries::toSummary), nextCursor(rows, search, "created_at"));
    }

    public AuditPage auditPage(List<Map<String, Object>> rows, Map<String, Object> search) {
        return new AuditPage(items(rows, search, AuditEntries::toEntry), nextCursor(rows, search, "accessed_at"));
    }

    /**
     * Sets the search page's audit details (the property auditDetails) from the property search and the rows in
     * the body: a bean step on the exchange, not setProperty with a method, which copies the whole exchange for
     * every call (docs/DESIGN-NOTES.md, "Bean steps on the read paths").
     */
    @SuppressWarnings("unchecked")
    public void describeSearch(Exchange exchange) {
        exchange.setProperty(
                "auditDetails",
                searchAuditDetails(
                        exchange.getProperty("search", Map.class),
                        exchange.getMessage().getBody(List.class)));
    }

    /**
     * Sets the search page's audit details for the one-statement page on PostgreSQL, which counts the rows itself:
     * the text {@link #searchAuditDetails} would give, cut before the count's value ({@code ..."result_count":});
     * routes/sql/search-lineage-and-audit-postgresql.sql appends the count and the closing brace, so the row reads
     * as on H2 (docs/DESIGN-NOTES.md, "One statement a lookup").
     */
    @SuppressWarnings("unchecked")
    public void describeSearchUncounted(Exchange exchange) throws JsonProcessingException {
        String counted =
                mapper.writeValueAsString(searchAuditDetails(exchange.getProperty("search", Map.class), List.of()));
        String uncounted = counted.substring(0, counted.lastIndexOf(COUNT_FIELD) + COUNT_FIELD.length());
        exchange.setProperty("auditDetails", uncounted);
    }

    /** What a search audit row records: the criteria as given and how many rows were served. */
    public Map<String, Object> searchAuditDetails(Map<String, Object> search, List<Map<String, Object>> rows) {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (String key : List.of(
                "lead_id", "pipeline_run_id", "template_version_id", "pdf_sha256", "lineage_id", "from", "to")) {
            if (search.get(key) != null) {
                criteria.put(key, search.get(key).toString());
            }
        }
        details.put("criteria", criteria);
        details.put("paged", search.get("after_id") != null);
        details.put("result_count", Math.min(rows.size(), (Integer) search.get("limit")));
        return details;
    }

    /** What a search of the whole audit trail records: the criteria as given and how many rows were served. */
    public Map<String, Object> auditSearchDetails(Map<String, Object> search, List<Map<String, Object>> rows) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("criteria", auditCriteria(search));
        details.put("paged", search.get("after_id") != null);
        details.put("result_count", Math.min(rows.size(), (Integer) search.get("limit")));
        return details;
    }

    /** The filters of an audit trail search or export that were set, as text. */
    public static Map<String, Object> auditCriteria(Map<String, Object> search) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (String key : List.of("user_id", "on_behalf_of", "action", "outcome", "lineage_id", "from", "to")) {
            if (search.get(key) != null) {
                criteria.put(key, search.get(key).toString());
            }
        }
        return criteria;
    }

    private static <T> List<T> items(
            List<Map<String, Object>> rows, Map<String, Object> search, Function<Map<String, Object>, T> toItem) {
        List<T> items = new ArrayList<>();
        for (Map<String, Object> row : served(rows, search)) {
            items.add(toItem.apply(row));
        }
        return items;
    }

    /** Null on the last page; otherwise the position after the last row served. */
    private static String nextCursor(List<Map<String, Object>> rows, Map<String, Object> search, String timeColumn) {
        List<Map<String, Object>> served = served(rows, search);
        if (served.size() == rows.size()) {
            return null;
        }
        Map<String, Object> last = served.get(served.size() - 1);
        return new KeysetCursor(SqlValues.instant(last.get(timeColumn)), SqlValues.uuid(last.get("id"))).encode();
    }

    private static List<Map<String, Object>> served(List<Map<String, Object>> rows, Map<String, Object> search) {
        int limit = (Integer) search.get("limit");
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }
}
