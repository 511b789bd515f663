-- Release the hold on one record or on one lead (exactly one of the two parameters is set); none is a no-op.
DELETE FROM lineage_legal_hold
WHERE lineage_id = :#${exchangeProperty.hold[lineage_id]} OR lead_id = :#${exchangeProperty.hold[lead_id]}
