-- The stored gzip of one record's raw inputs, with what names the download file and its ETag.
SELECT id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
       raw_inputs_compressed, raw_inputs_sha256
FROM report_lineage
WHERE id = :#${exchangeProperty.lineage_id}
