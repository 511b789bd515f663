-- Whether a lineage record exists (1) or not (0).
SELECT COUNT(*) FROM report_lineage WHERE id = :#${exchangeProperty.lineage_id}
