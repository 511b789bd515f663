-- The pipeline logs of one lineage record: the gzip made at capture when there is one, else the JSON text
-- (rows captured before the gzip column existed). Never both: the text of a 5 MB log is what this avoids.
SELECT id,
       pipeline_logs_gzip,
       CASE WHEN pipeline_logs_gzip IS NULL THEN pipeline_logs END AS pipeline_logs
FROM report_lineage
WHERE id = :#${exchangeProperty.lineage_id}
