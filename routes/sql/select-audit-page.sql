-- One page of a record's audit trail, newest first, by keyset (accessed_at, id).
SELECT id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details,
       purpose, on_behalf_of, occurred_at, event_id
FROM report_lineage_audit
WHERE lineage_id = :#${exchangeProperty.search[lineage_id]}
  AND (CAST(:#${exchangeProperty.search[after_created_at]} AS TIMESTAMP WITH TIME ZONE) IS NULL
        OR accessed_at < :#${exchangeProperty.search[after_created_at]}
        OR (accessed_at = :#${exchangeProperty.search[after_created_at]}
            AND id < :#${exchangeProperty.search[after_id]}))
ORDER BY accessed_at DESC, id DESC
LIMIT :#${exchangeProperty.search[fetch]}
