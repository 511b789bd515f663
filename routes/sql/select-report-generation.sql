-- The report generation a completion names: its triplet, to check the completion against (capture step 3).
SELECT id, lead_id, pipeline_run_id, template_version_id
FROM d6_report_generations
WHERE id = :#${exchangeProperty.report_generation_id}
