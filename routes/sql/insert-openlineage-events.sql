-- A captured report's START and COMPLETE events (openlineage.OpenLineageOutbox), due at once. Runs in the
-- capture's transaction: the lineage row and its events commit together or not at all.
INSERT INTO openlineage_outbox (
    id, lineage_id, run_id, sequence_no, event_type, event_time, payload, state, attempts, next_attempt_at,
    created_at
) VALUES (
    :#${exchangeProperty.openlineageRows[start_id]},
    :#${exchangeProperty.openlineageRows[lineage_id]},
    :#${exchangeProperty.openlineageRows[run_id]},
    1, 'START',
    :#${exchangeProperty.openlineageRows[start_time]},
    :#${exchangeProperty.openlineageRows[start_payload]},
    'pending', 0,
    :#${exchangeProperty.openlineageRows[created_at]},
    :#${exchangeProperty.openlineageRows[created_at]}
), (
    :#${exchangeProperty.openlineageRows[complete_id]},
    :#${exchangeProperty.openlineageRows[lineage_id]},
    :#${exchangeProperty.openlineageRows[run_id]},
    2, 'COMPLETE',
    :#${exchangeProperty.openlineageRows[complete_time]},
    :#${exchangeProperty.openlineageRows[complete_payload]},
    'pending', 0,
    :#${exchangeProperty.openlineageRows[created_at]},
    :#${exchangeProperty.openlineageRows[created_at]}
)
