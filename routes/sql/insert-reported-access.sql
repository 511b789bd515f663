-- The audit row of an access another system reported (insert-audit-row.sql's columns). A row this client already
-- wrote for the same event_id (UNIQUE (user_id, event_id)), even one a concurrent request is committing, makes
-- this insert nothing: the route then compares the two instead of failing.
INSERT INTO report_lineage_audit (
    id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details,
    purpose, on_behalf_of, occurred_at, event_id
) VALUES (
    :#${exchangeProperty.audit[id]}, :#${exchangeProperty.audit[lineage_id]}, :#${exchangeProperty.audit[action]},
    :#${exchangeProperty.audit[user_id]}, :#${exchangeProperty.audit[ip_address]},
    :#${exchangeProperty.audit[user_agent]}, :#${exchangeProperty.audit[accessed_at]},
    :#${exchangeProperty.audit[outcome]}, :#${exchangeProperty.audit[request_id]},
    :#${exchangeProperty.audit[details]}, :#${exchangeProperty.audit[purpose]},
    :#${exchangeProperty.audit[on_behalf_of]}, :#${exchangeProperty.audit[occurred_at]},
    :#${exchangeProperty.audit[event_id]}
)
ON CONFLICT DO NOTHING
