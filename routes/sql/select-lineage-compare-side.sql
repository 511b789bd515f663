-- One side of a comparison, by report id: the summary columns, the logs (as their gzip; the text only for a row
-- captured before the gzip column) and the stored gzip of the raw inputs.
SELECT id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
       pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
       OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
       compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
       created_at, access_count, last_accessed_at, raw_inputs_compressed,
       pipeline_logs_gzip,
       CASE WHEN pipeline_logs_gzip IS NULL THEN pipeline_logs END AS pipeline_logs
FROM report_lineage
WHERE report_generation_id = :#${exchangeProperty.report_generation_id}
