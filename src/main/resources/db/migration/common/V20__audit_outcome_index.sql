-- The whole audit trail is also searched by outcome (GET /api/audit?outcome=denied: who was refused), and the
-- outcomes an auditor asks for are the rare ones: without an index PostgreSQL read every row of the table for them
-- (133 ms at 1,000,000 rows; 0.1 ms with this one, bench/README.md "Audit search at 1,000,000 rows"). A composite
-- index in the keyset order (accessed_at, id), as the searches by user_id, action and on_behalf_of have (V13, V17).
CREATE INDEX idx_lineage_audit_outcome ON report_lineage_audit (outcome, accessed_at, id);
