-- One delivery attempt's outcome (openlineage.OpenLineageDelivery): delivered, parked with its reason, or still
-- pending with the time of the next attempt.
UPDATE openlineage_outbox SET
    state = :#${exchangeProperty.outcome[state]},
    attempts = :#${exchangeProperty.outcome[attempts]},
    next_attempt_at = :#${exchangeProperty.outcome[next_attempt_at]},
    last_error = :#${exchangeProperty.outcome[last_error]},
    delivered_at = :#${exchangeProperty.outcome[delivered_at]}
WHERE id = :#${exchangeProperty.event_id}
