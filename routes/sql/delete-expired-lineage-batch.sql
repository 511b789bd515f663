-- One retention batch: the oldest lineage rows created before the cutoff that are not under legal hold (their
-- own or their lead's; the database would refuse to delete those anyway). Audit rows are never touched.
DELETE FROM report_lineage
WHERE id IN (
    SELECT id FROM report_lineage r
    WHERE created_at < :#${exchangeProperty.cutoff}
      AND NOT EXISTS (SELECT 1 FROM lineage_legal_hold h WHERE h.lineage_id = r.id OR h.lead_id = r.lead_id)
    ORDER BY created_at, id
    LIMIT :#${exchangeProperty.batch_size}
)
