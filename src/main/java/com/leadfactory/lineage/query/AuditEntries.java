package com.leadfactory.lineage.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.db.SqlValues;
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

    static AuditEntry toEntry(Map<String, Object> row) {
        Object lineageId = row.get("lineage_id");
        return new AuditEntry(
                String.valueOf(row.get("id")),
                lineageId == null ? null : lineageId.toString(),
                (String) row.get("action"),
                (String) row.get("user_id"),
                (String) row.get("ip_address"),
                (String) row.get("user_agent"),
                SqlValues.instant(row.get("accessed_at")).toString(),
                (String) row.get("outcome"),
                (String) row.get("request_id"),
                details(row.get("details")),
                (String) row.get("purpose"),
                (String) row.get("on_behalf_of"),
                row.get("occurred_at") == null
                        ? null
                        : SqlValues.instant(row.get("occurred_at")).toString(),
                (String) row.get("event_id"),
                row.get("report_generation_id") == null
                        ? null
                        : row.get("report_generation_id").toString());
    }
}
