-- The audit search's page statement (routes/sql/select-audit-search.sql, parameters as the route binds them) on
-- the rows of audit-search-rows.sql: "before" is the cursor written as an OR and no index on outcome, "after" the
-- row comparison and V20's index (dropped for "before" inside a transaction that is rolled back). Plans are custom
-- plans, as PostgreSQL makes them for the service's statements here (see bench/README.md).
--   psql -h 127.0.0.1 -U postgres -d <scratch> -f bench/sql/audit-search-explain.sql | grep -E '^-- case|Execution Time|Scan'
SET plan_cache_mode = force_custom_plan;
PREPARE before_page(varchar, varchar, varchar, varchar, uuid, timestamptz, timestamptz, timestamptz, uuid, int) AS
SELECT a.id, a.lineage_id, a.action, a.user_id, a.ip_address, a.user_agent, a.accessed_at, a.outcome, a.request_id,
       a.details, a.purpose, a.on_behalf_of, a.occurred_at, a.event_id, r.report_generation_id
FROM report_lineage_audit a
LEFT JOIN report_lineage r ON r.id = a.lineage_id
WHERE (CAST($1 AS VARCHAR(255)) IS NULL OR a.user_id = $1)
  AND (CAST($2 AS VARCHAR(255)) IS NULL OR a.on_behalf_of = $2)
  AND (CAST($3 AS VARCHAR(32)) IS NULL OR a.action = $3)
  AND (CAST($4 AS VARCHAR(16)) IS NULL OR a.outcome = $4)
  AND (CAST($5 AS UUID) IS NULL OR a.lineage_id = $5)
  AND (CAST($6 AS TIMESTAMP WITH TIME ZONE) IS NULL OR a.accessed_at >= $6)
  AND (CAST($7 AS TIMESTAMP WITH TIME ZONE) IS NULL OR a.accessed_at < $7)
  AND (CAST($8 AS TIMESTAMP WITH TIME ZONE) IS NULL OR a.accessed_at < $8 OR (a.accessed_at = $8 AND a.id < $9))
ORDER BY a.accessed_at DESC, a.id DESC
LIMIT $10;
PREPARE after_page(varchar, varchar, varchar, varchar, uuid, timestamptz, timestamptz, timestamptz, uuid, int) AS
SELECT a.id, a.lineage_id, a.action, a.user_id, a.ip_address, a.user_agent, a.accessed_at, a.outcome, a.request_id,
       a.details, a.purpose, a.on_behalf_of, a.occurred_at, a.event_id, r.report_generation_id
FROM report_lineage_audit a
LEFT JOIN report_lineage r ON r.id = a.lineage_id
WHERE (CAST($1 AS VARCHAR(255)) IS NULL OR a.user_id = $1)
  AND (CAST($2 AS VARCHAR(255)) IS NULL OR a.on_behalf_of = $2)
  AND (CAST($3 AS VARCHAR(32)) IS NULL OR a.action = $3)
  AND (CAST($4 AS VARCHAR(16)) IS NULL OR a.outcome = $4)
  AND (CAST($5 AS UUID) IS NULL OR a.lineage_id = $5)
  AND (CAST($6 AS TIMESTAMP WITH TIME ZONE) IS NULL OR a.accessed_at >= $6)
  AND (CAST($7 AS TIMESTAMP WITH TIME ZONE) IS NULL OR a.accessed_at < $7)
  AND (CAST($8 AS TIMESTAMP WITH TIME ZONE) IS NULL OR (a.accessed_at, a.id) < ($8, CAST($9 AS UUID)))
ORDER BY a.accessed_at DESC, a.id DESC
LIMIT $10;
\echo '-- case: a rare person, first page: before'
BEGIN;
DROP INDEX idx_lineage_audit_outcome;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE before_page('rare-auditor', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 51);
ROLLBACK;
\echo '-- case: a rare person, first page: after'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page('rare-auditor', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 51);
\echo '-- case: a rare action, first page: before'
BEGIN;
DROP INDEX idx_lineage_audit_outcome;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE before_page(NULL, NULL, 'hold_place', NULL, NULL, NULL, NULL, NULL, NULL, 51);
ROLLBACK;
\echo '-- case: a rare action, first page: after'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page(NULL, NULL, 'hold_place', NULL, NULL, NULL, NULL, NULL, NULL, 51);
\echo '-- case: one record, first page: before'
BEGIN;
DROP INDEX idx_lineage_audit_outcome;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE before_page(NULL, NULL, NULL, NULL, md5('rare1')::uuid, NULL, NULL, NULL, NULL, 51);
ROLLBACK;
\echo '-- case: one record, first page: after'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page(NULL, NULL, NULL, NULL, md5('rare1')::uuid, NULL, NULL, NULL, NULL, 51);
\echo '-- case: a rare person over a month (from/to): before'
BEGIN;
DROP INDEX idx_lineage_audit_outcome;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE before_page('rare-auditor', NULL, NULL, NULL, NULL, '2026-10-01', '2026-11-01', NULL, NULL, 51);
ROLLBACK;
\echo '-- case: a rare person over a month (from/to): after'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page('rare-auditor', NULL, NULL, NULL, NULL, '2026-10-01', '2026-11-01', NULL, NULL, 51);
\echo '-- case: a client with 1/20 of the rows, a page mid-period (cursor): before'
BEGIN;
DROP INDEX idx_lineage_audit_outcome;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE before_page('client-3', NULL, NULL, NULL, NULL, NULL, NULL, '2026-10-10', '00000000-0000-7000-8000-000000000000', 51);
ROLLBACK;
\echo '-- case: a client with 1/20 of the rows, a page mid-period (cursor): after'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page('client-3', NULL, NULL, NULL, NULL, NULL, NULL, '2026-10-10', '00000000-0000-7000-8000-000000000000', 51);
\echo '-- case: everything, a page mid-period (cursor): before'
BEGIN;
DROP INDEX idx_lineage_audit_outcome;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE before_page(NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2026-10-10', '00000000-0000-7000-8000-000000000000', 51);
ROLLBACK;
\echo '-- case: everything, a page mid-period (cursor): after'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page(NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2026-10-10', '00000000-0000-7000-8000-000000000000', 51);
\echo '-- case: refusals (outcome denied), first page: before'
BEGIN;
DROP INDEX idx_lineage_audit_outcome;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE before_page(NULL, NULL, NULL, 'denied', NULL, NULL, NULL, NULL, NULL, 51);
ROLLBACK;
\echo '-- case: refusals (outcome denied), first page: after'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page(NULL, NULL, NULL, 'denied', NULL, NULL, NULL, NULL, NULL, 51);
