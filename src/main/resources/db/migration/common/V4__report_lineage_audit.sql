-- Who read what, when, from where, and how it ended. No foreign key to report_lineage on purpose:
-- the trail must outlive the rows it audits (a retention purge leaves it, and writes a row of its own).
CREATE TABLE report_lineage_audit (
    id          UUID PRIMARY KEY,
    lineage_id  UUID,
    action      VARCHAR(32) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    ip_address  VARCHAR(64),
    user_agent  VARCHAR(512),
    accessed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    outcome     VARCHAR(16) NOT NULL,
    request_id  VARCHAR(64),
    details     VARCHAR(8000),
    CONSTRAINT ck_audit_outcome CHECK (outcome IN ('ok', 'denied', 'not_found'))
);

CREATE INDEX idx_lineage_audit_lineage ON report_lineage_audit (lineage_id, accessed_at, id);
CREATE INDEX idx_lineage_audit_accessed_at ON report_lineage_audit (accessed_at);
