-- pgbench: the SQL work of one GET /api/lineage/{report_id} (routes/lookup-api.yaml), one transaction: the
-- access-count update, the summary select (with its legal-hold flag), the audit insert. Report ids are those of generate-million.sql,
-- md5('r' || i) for a random i; the audit id is time-ordered like db.TimeOrderedUuid.
\set r random(1, :rows)
BEGIN;
UPDATE report_lineage
SET access_count = access_count + 1,
    last_accessed_at = CURRENT_TIMESTAMP
WHERE report_generation_id = CAST(md5('r' || :r) AS UUID);
SELECT id AS lineage_id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
       pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
       OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
       compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
       created_at, access_count, last_accessed_at,
       EXISTS (SELECT 1 FROM lineage_legal_hold h
               WHERE h.lineage_id = report_lineage.id OR h.lead_id = report_lineage.lead_id) AS legal_hold
FROM report_lineage
WHERE report_generation_id = CAST(md5('r' || :r) AS UUID) \gset
INSERT INTO report_lineage_audit (
    id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details
) VALUES (
    CAST(lpad(to_hex(CAST(extract(epoch FROM clock_timestamp()) * 1000 AS BIGINT)), 12, '0') || '7'
         || substr(md5(random()::text), 1, 19) AS UUID),
    CAST(:lineage_id AS UUID), 'lookup', 'bench-viewer', '127.0.0.1', 'pgbench', CURRENT_TIMESTAMP, 'ok',
    CAST(gen_random_uuid() AS TEXT), '{"report_generation_id": "' || :report_generation_id || '"}'
);
END;
