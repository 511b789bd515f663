-- One lineage record's OpenLineage events in the outbox, START first.
SELECT id, event_type, state, attempts, last_error, next_attempt_at, delivered_at, payload
FROM openlineage_outbox
WHERE lineage_id = :#${exchangeProperty.lineage_id}
ORDER BY sequence_no
