-- The whole audit trail is searched by person or system and by action, newest first (GET /api/audit):
-- composite indexes in the keyset order (accessed_at, id), as the record's trail already has.
CREATE INDEX idx_lineage_audit_user ON report_lineage_audit (user_id, accessed_at, id);
CREATE INDEX idx_lineage_audit_action ON report_lineage_audit (action, accessed_at, id);
