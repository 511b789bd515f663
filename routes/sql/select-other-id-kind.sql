-- What a value given as a report id is when no report has it: 'lineage_id', 'lead_id' or 'pipeline_run_id' (the
-- other ids the panel shows, each looked up by its index), or NULL when no record knows it at all.
SELECT CASE
         WHEN EXISTS (SELECT 1 FROM report_lineage WHERE id = :#${exchangeProperty.other_id}) THEN 'lineage_id'
         WHEN EXISTS (SELECT 1 FROM report_lineage WHERE lead_id = :#${exchangeProperty.other_id}) THEN 'lead_id'
         WHEN EXISTS (SELECT 1 FROM report_lineage WHERE pipeline_run_id = :#${exchangeProperty.other_id})
           THEN 'pipeline_run_id'
       END AS id_kind
