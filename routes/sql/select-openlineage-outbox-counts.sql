-- The outbox at a glance, for the lineage.openlineage.events.* gauges and GET /api/lineage/stats. Each part is
-- answered from the (state, next_attempt_at) index; delivered rows are counted by the delivery counter instead.
SELECT
    (SELECT COUNT(*) FROM openlineage_outbox WHERE state = 'pending') AS pending,
    (SELECT COUNT(*) FROM openlineage_outbox WHERE state = 'parked') AS parked,
    (SELECT MIN(created_at) FROM openlineage_outbox WHERE state = 'pending') AS oldest_pending_at
