-- One retention batch: the oldest lineage rows created before the cutoff. Audit rows are never touched.
DELETE FROM report_lineage
WHERE id IN (
    SELECT id FROM report_lineage
    WHERE created_at < :#${exchangeProperty.cutoff}
    ORDER BY created_at, id
    LIMIT :#${exchangeProperty.batch_size}
)
