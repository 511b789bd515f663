-- A report's enrichment inputs: the lead's rows as the pipeline saw them, i.e. written at or before it finished.
SELECT id, source, payload, created_at
FROM enrichment_results
WHERE lead_id = :#${exchangeProperty.lead_id}
  AND created_at <= :#${exchangeProperty.as_of}
ORDER BY created_at, id
