package com.leadfactory.lineage.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.db.SqlValues;
import java.util.LinkedHashMap;
import java.util.Map;

/** A report_lineage_audit row as the API shows it. */
final class AuditEntries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditEntries() {}

    private static Object details(Object column) {
        if (column == null) {
            return null;
        }
        try {
            return JSON.readTree(column.toString());
        } catch (JsonProcessingException notJson) {
            return column.toString();
        }
    }

    static Map<String, Object> toEntry(Map<String, Object> row) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", String.valueOf(row.get("id")));
        Object lineageId = row.get("lineage_id");
        entry.put("lineage_id", lineageId == null ? null : lineageId.toString());
        entry.put("action", row.get("action"));
        entry.put("user_id", row.get("user_id"));
        entry.put("ip_address", row.get("ip_address"));
        entry.put("user_agent", row.get("user_agent"));
        entry.put("accessed_at", SqlValues.instant(row.get("accessed_at")).toString());
        entry.put("outcome", row.get("outcome"));
        entry.put("request_id", row.get("request_id"));
        entry.put("details", details(row.get("details")));
        return entry;
    }
}
