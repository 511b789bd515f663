-- One page of the whole audit trail, newest first, by keyset (accessed_at, id). Every filter is optional; a
-- NULL parameter switches its condition off. The casts give PostgreSQL a type for parameters only ever
-- compared with NULL. The record's report id comes along while the record exists, for links to it.
-- The cursor is a row comparison, which PostgreSQL takes as an index condition: the scan starts at the cursor
-- instead of walking the newer rows again (docs/DESIGN-NOTES.md, "Keyset pages").
SELECT a.id, a.lineage_id, a.action, a.user_id, a.ip_address, a.user_agent, a.accessed_at, a.outcome, a.request_id,
       a.details, a.purpose, a.on_behalf_of, a.occurred_at, a.event_id, r.report_generation_id
FROM report_lineage_audit a
LEFT JOIN report_lineage r ON r.id = a.lineage_id
WHERE (CAST(:#${exchangeProperty.search[user_id]} AS VARCHAR(255)) IS NULL
        OR a.user_id = :#${exchangeProperty.search[user_id]})
  AND (CAST(:#${exchangeProperty.search[on_behalf_of]} AS VARCHAR(255)) IS NULL
        OR a.on_behalf_of = :#${exchangeProperty.search[on_behalf_of]})
  AND (CAST(:#${exchangeProperty.search[action]} AS VARCHAR(32)) IS NULL
        OR a.action = :#${exchangeProperty.search[action]})
  AND (CAST(:#${exchangeProperty.search[outcome]} AS VARCHAR(16)) IS NULL
        OR a.outcome = :#${exchangeProperty.search[outcome]})
  AND (CAST(:#${exchangeProperty.search[lineage_id]} AS UUID) IS NULL
        OR a.lineage_id = :#${exchangeProperty.search[lineage_id]})
  AND (CAST(:#${exchangeProperty.search[from]} AS TIMESTAMP WITH TIME ZONE) IS NULL
        OR a.accessed_at >= :#${exchangeProperty.search[from]})
  AND (CAST(:#${exchangeProperty.search[to]} AS TIMESTAMP WITH TIME ZONE) IS NULL
        OR a.accessed_at < :#${exchangeProperty.search[to]})
  AND (CAST(:#${exchangeProperty.search[after_created_at]} AS TIMESTAMP WITH TIME ZONE) IS NULL
        OR (a.accessed_at, a.id) < (:#${exchangeProperty.search[after_created_at]},
                                CAST(:#${exchangeProperty.search[after_id]} AS UUID)))
ORDER BY a.accessed_at DESC, a.id DESC
LIMIT :#${exchangeProperty.search[fetch]}
