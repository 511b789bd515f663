-- The hold on one record or on one lead (exactly one of the two parameters is set).
SELECT id, lineage_id, lead_id, reason, placed_by, placed_at
FROM lineage_legal_hold
WHERE lineage_id = :#${exchangeProperty.hold[lineage_id]} OR lead_id = :#${exchangeProperty.hold[lead_id]}
