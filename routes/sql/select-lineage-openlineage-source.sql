-- What the OpenLineage events of one lineage record say (openlineage.OpenLineageRecords). The PDF's URI and size
-- are the completion's, read from the raw-input document when the record has no events in the outbox.
SELECT l.id AS lineage_id, l.report_generation_id, l.lead_id, l.pipeline_run_id, l.template_version_id,
       l.pipeline_start_time, l.pipeline_end_time, l.raw_inputs_size_bytes, l.raw_inputs_sha256, l.truncated,
       l.pdf_sha256
FROM report_lineage l
WHERE l.id = :#${exchangeProperty.lineage_id}
