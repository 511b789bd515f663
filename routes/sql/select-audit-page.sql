-- One page of a record's audit trail, newest first, by keyset (accessed_at, id).
-- The cursor is a row comparison, which PostgreSQL takes as an index condition: the scan starts at the cursor
-- instead of walking the newer rows again (docs/DESIGN-NOTES.md, "Keyset pages").
SELECT id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details,
       purpose, on_behalf_of, occurred_at, event_id
FROM report_lineage_audit
WHERE lineage_id = :#${exchangeProperty.search[lineage_id]}
  AND (CAST(:#${exchangeProperty.search[after_created_at]} AS TIMESTAMP WITH TIME ZONE) IS NULL
        OR (accessed_at, id) < (:#${exchangeProperty.search[after_created_at]},
                                CAST(:#${exchangeProperty.search[after_id]} AS UUID)))
ORDER BY accessed_at DESC, id DESC
LIMIT :#${exchangeProperty.search[fetch]}
