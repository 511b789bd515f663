-- The stored pipeline logs of one lineage record, as JSON text.
SELECT id, pipeline_logs
FROM report_lineage
WHERE id = :#${exchangeProperty.lineage_id}
