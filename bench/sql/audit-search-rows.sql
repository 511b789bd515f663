-- 1,000,000 audit rows for the audit search's plans (bench/README.md, "Audit search at 1,000,000 rows"): one every
-- 2.6 s over October and November 2026, 20 clients, four read actions, 200,000 records; then the rare ones an auditor
-- looks for: a person with 12 bundles, 12 hold_place rows, 100 refusals (outcome denied). Run once on a migrated
-- scratch database (it inserts rows):
--   psql -h 127.0.0.1 -U postgres -d <scratch> -f bench/sql/audit-search-rows.sql
\timing on
INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome,
                                  request_id, details)
SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
       md5('rec' || (g % 200000))::uuid,
       (ARRAY['lookup','lookup','lookup','lookup','lookup','search','search','logs','logs','download'])[1 + g % 10],
       'client-' || (g % 20),
       '10.0.' || (g % 250) || '.' || (g % 97),
       'python-requests/2.31',
       TIMESTAMPTZ '2026-10-01 00:00:00+00' + g * INTERVAL '2.6 seconds',
       'ok', 'req-' || g, '{"n":' || g || '}'
FROM generate_series(1, 1000000) AS g;
INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, request_id, details)
SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, md5('rare' || g)::uuid,
       CASE WHEN g <= 12 THEN 'bundle' ELSE 'hold_place' END,
       CASE WHEN g <= 12 THEN 'rare-auditor' ELSE 'client-3' END,
       TIMESTAMPTZ '2026-10-02 00:00:00+00' + g * INTERVAL '1 hour', 'ok', 'rare-' || g, '{}'
FROM generate_series(1, 24) AS g;
INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, request_id, details)
SELECT ('00000000-0000-7000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, md5('rec' || g)::uuid, 'download',
       'client-' || (g % 20), TIMESTAMPTZ '2026-10-01 00:00:00+00' + g * INTERVAL '14 hours', 'denied', 'denied-' || g,
       '{}'
FROM generate_series(1, 100) AS g;
ANALYZE report_lineage_audit;
