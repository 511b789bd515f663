-- The whole audit trail for an export, newest first, as GET /api/audit filters it (select-audit-search.sql
-- without the page): read through a cursor by trail.AuditExport, which streams it while the response is written.
SELECT id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details,
       purpose, on_behalf_of, occurred_at, event_id
FROM report_lineage_audit
WHERE (CAST(:#${exchangeProperty.search[user_id]} AS VARCHAR(255)) IS NULL
        OR user_id = :#${exchangeProperty.search[user_id]})
  AND (CAST(:#${exchangeProperty.search[action]} AS VARCHAR(32)) IS NULL
        OR action = :#${exchangeProperty.search[action]})
  AND (CAST(:#${exchangeProperty.search[outcome]} AS VARCHAR(16)) IS NULL
        OR outcome = :#${exchangeProperty.search[outcome]})
  AND (CAST(:#${exchangeProperty.search[lineage_id]} AS UUID) IS NULL
        OR lineage_id = :#${exchangeProperty.search[lineage_id]})
  AND (CAST(:#${exchangeProperty.search[from]} AS TIMESTAMP WITH TIME ZONE) IS NULL
        OR accessed_at >= :#${exchangeProperty.search[from]})
  AND (CAST(:#${exchangeProperty.search[to]} AS TIMESTAMP WITH TIME ZONE) IS NULL
        OR accessed_at < :#${exchangeProperty.search[to]})
ORDER BY accessed_at DESC, id DESC
