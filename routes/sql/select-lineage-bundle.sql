-- Everything a bundle holds of one lineage record: the summary columns, the stored gzip and the logs as the logs
-- endpoint serves them: the gzip made at capture (the logs as sent, after masking), else the JSON text (rows
-- captured before the gzip column existed). Not jsonb's text of them: PostgreSQL writes a number such as
-- 1E+131071 out digit by digit, 131 KB for 9 bytes sent.
SELECT id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
       pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
       OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
       compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
       created_at, access_count, last_accessed_at, raw_inputs_compressed, pipeline_logs_gzip,
       CASE WHEN pipeline_logs_gzip IS NULL THEN pipeline_logs END AS pipeline_logs
FROM report_lineage
WHERE id = :#${exchangeProperty.lineage_id}
