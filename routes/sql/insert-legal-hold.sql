-- Place a hold on one record or one lead; an existing hold on the same target stays as it is (update count 0).
INSERT INTO lineage_legal_hold (id, lineage_id, lead_id, reason, placed_by, placed_at)
VALUES (:#${exchangeProperty.hold[id]}, :#${exchangeProperty.hold[lineage_id]}, :#${exchangeProperty.hold[lead_id]},
        :#${exchangeProperty.hold[reason]}, :#${exchangeProperty.hold[placed_by]},
        :#${exchangeProperty.hold[placed_at]})
ON CONFLICT DO NOTHING
