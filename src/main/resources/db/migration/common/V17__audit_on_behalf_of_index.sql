-- The whole audit trail is also searched by the person another system reported an access on behalf of
-- (GET /api/audit?on_behalf_of=...), newest first: a composite index in the keyset order (accessed_at, id), as
-- the search by user_id has (V13). Rows the service writes itself have no on_behalf_of.
CREATE INDEX idx_lineage_audit_on_behalf_of ON report_lineage_audit (on_behalf_of, accessed_at, id);
