-- What an audit row can say besides who read what: the purpose the reader stated (X-Access-Purpose), and for
-- accesses another system records here (a CRM showing the PDF): the person it acted for, when the access
-- happened there, and the system's own event id, unique per system so a resent event is one row. A read that
-- failed after authorisation is recorded with outcome 'error'. All nullable: rows written before keep their form.
ALTER TABLE report_lineage_audit ADD COLUMN purpose VARCHAR(200);
ALTER TABLE report_lineage_audit ADD COLUMN on_behalf_of VARCHAR(255);
ALTER TABLE report_lineage_audit ADD COLUMN occurred_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE report_lineage_audit ADD COLUMN event_id VARCHAR(128);
ALTER TABLE report_lineage_audit ADD CONSTRAINT uq_audit_event UNIQUE (user_id, event_id);
ALTER TABLE report_lineage_audit DROP CONSTRAINT ck_audit_outcome;
ALTER TABLE report_lineage_audit ADD CONSTRAINT ck_audit_outcome
    CHECK (outcome IN ('ok', 'denied', 'not_found', 'error'));
