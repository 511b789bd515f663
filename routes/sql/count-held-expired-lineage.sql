-- How many lineage rows past the retention cutoff a legal hold kept (counted in the purge run's audit row).
SELECT COUNT(*) FROM report_lineage r
WHERE created_at < :#${exchangeProperty.cutoff}
  AND EXISTS (SELECT 1 FROM lineage_legal_hold h WHERE h.lineage_id = r.id OR h.lead_id = r.lead_id)
