-- The audit row a client already wrote for one of its events (UNIQUE (user_id, event_id)), if any.
SELECT id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details,
       purpose, on_behalf_of, occurred_at, event_id
FROM report_lineage_audit
WHERE user_id = :#${exchangeProperty.event_user}
  AND event_id = :#${exchangeProperty.event_id}
