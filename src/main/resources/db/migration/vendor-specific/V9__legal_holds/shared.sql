-- A legal hold names either one record (lineage_id) or every record of a lead (lead_id), present and future.
-- No foreign key: a lead hold may precede the lead's records. Releasing a hold deletes its row; the audit trail
-- (actions hold_place / hold_release) keeps the history.
CREATE TABLE lineage_legal_hold (
    id         UUID PRIMARY KEY,
    lineage_id UUID,
    lead_id    UUID,
    reason     VARCHAR(500) NOT NULL,
    placed_by  VARCHAR(255) NOT NULL,
    placed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_legal_hold_lineage UNIQUE (lineage_id),
    CONSTRAINT uq_legal_hold_lead UNIQUE (lead_id),
    CONSTRAINT ck_legal_hold_target CHECK ((lineage_id IS NULL AND lead_id IS NOT NULL)
        OR (lineage_id IS NOT NULL AND lead_id IS NULL))
);
