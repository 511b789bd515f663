-- Shared by both databases; ${json_type} is JSONB on PostgreSQL and JSON on H2.
CREATE TABLE fixture_legal_hold (
    lineage_id UUID PRIMARY KEY,
    reason     VARCHAR(255) NOT NULL,
    evidence   ${json_type}
);

ALTER TABLE report_lineage_audit ADD COLUMN db_user VARCHAR(255);
ALTER TABLE report_lineage_audit ADD COLUMN application_name VARCHAR(255);
