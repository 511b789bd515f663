-- What the OpenLineage events of one lineage record say (openlineage.OpenLineageRecords), with the PDF's address
-- from its report generation.
SELECT l.id AS lineage_id, l.report_generation_id, l.lead_id, l.pipeline_run_id, l.template_version_id,
       l.pipeline_start_time, l.pipeline_end_time, l.raw_inputs_size_bytes, l.raw_inputs_sha256, l.truncated,
       l.pdf_sha256, g.pdf_uri
FROM report_lineage l
LEFT JOIN d6_report_generations g ON g.id = l.report_generation_id
WHERE l.id = :#${exchangeProperty.lineage_id}
