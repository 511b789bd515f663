-- Completed reports past the grace period that still have no lineage row: their completion message was lost.
-- Only reports created after the horizon (retention's max-age when retention is on) so purged lineage is not
-- captured again, and never a report whose record was deleted while the report stayed (lineage_deleted_report: an
-- erasure is not undone). Rows the reconciler cannot use (no run id / template) sort last so they never crowd out
-- the rest.
SELECT g.id, g.lead_id, g.pipeline_run_id, g.template_version_id, g.created_at, g.updated_at,
       g.pdf_uri, g.pdf_sha256
FROM d6_report_generations g
WHERE g.status = 'completed'
  AND g.updated_at < :#${exchangeProperty.cutoff}
  AND g.created_at >= :#${exchangeProperty.horizon}
  AND NOT EXISTS (SELECT 1 FROM report_lineage l WHERE l.report_generation_id = g.id)
  AND NOT EXISTS (SELECT 1 FROM lineage_deleted_report d WHERE d.report_generation_id = g.id)
ORDER BY CASE WHEN g.pipeline_run_id IS NULL OR g.template_version_id IS NULL THEN 1 ELSE 0 END,
         g.updated_at, g.id
LIMIT :#${exchangeProperty.batch_size}
