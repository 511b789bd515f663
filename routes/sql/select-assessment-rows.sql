-- A report's assessment inputs: the lead's rows as the pipeline saw them, i.e. written at or before it finished.
SELECT id, pipeline_run_id, kind, payload, created_at
FROM assessment_results
WHERE lead_id = :#${exchangeProperty.lead_id}
  AND created_at <= :#${exchangeProperty.as_of}
ORDER BY created_at, id
