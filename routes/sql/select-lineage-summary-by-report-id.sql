-- The lineage summary of one report (everything but the logs and the raw-input bytes).
SELECT id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
       pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
       OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
       compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
       created_at, access_count, last_accessed_at,
       EXISTS (SELECT 1 FROM lineage_legal_hold h
               WHERE h.lineage_id = report_lineage.id OR h.lead_id = report_lineage.lead_id) AS legal_hold
FROM report_lineage
WHERE report_generation_id = :#${exchangeProperty.report_generation_id}
