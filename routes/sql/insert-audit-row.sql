-- One audit row. Written in the same transaction as the read it records.
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
