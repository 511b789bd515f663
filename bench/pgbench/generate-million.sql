-- The read benchmark's data, generated in SQL (the same rows as ReadBenchmark.generate()): :rows report
-- generations and their lineage rows; every 100th belongs to the hot lead 00000000-0000-4000-8000-00000000beef
-- (10,000 of 1,000,000), the rest spread over 99,991 leads. Row i: report id md5('r' || i), lineage id
-- md5('x' || report id), created_at = generation time - i seconds. Run with psql -v rows=1000000.
SET synchronous_commit = off;
INSERT INTO d6_report_generations (id, lead_id, pipeline_run_id, template_version_id, status, created_at, updated_at)
SELECT md5('r' || i)::uuid,
       CASE WHEN i % 100 = 0 THEN '00000000-0000-4000-8000-00000000beef'::uuid ELSE md5('l' || (i % 99991))::uuid END,
       md5('p' || i)::uuid, 'tpl@v' || (i % 7), 'completed',
       now() - make_interval(secs => i), now() - make_interval(secs => i)
FROM generate_series(1, :rows) AS i;
INSERT INTO report_lineage (id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
    pipeline_start_time, pipeline_end_time, pipeline_logs, raw_inputs_compressed,
    raw_inputs_size_bytes, compression_ratio, raw_inputs_sha256, pdf_sha256, truncated,
    capture_source, created_at)
SELECT md5('x' || g.id::text)::uuid, g.id, g.lead_id, g.pipeline_run_id, g.template_version_id,
       g.created_at - interval '40 seconds', g.created_at,
       '[{"level": "INFO", "msg": "rendered"}]'::jsonb,
       decode(repeat('1f8b', 150), 'hex'), 190000, 5.75,
       md5(g.id::text) || md5(g.lead_id::text), md5('pdf' || g.id::text) || md5('pdf2' || g.id::text),
       false, 'bench', g.created_at
FROM d6_report_generations g;
ANALYZE report_lineage;
ANALYZE d6_report_generations;
