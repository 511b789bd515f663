-- Logs, downloads and bundles are reads of the record too: raise access_count and stamp last_accessed_at.
UPDATE report_lineage
SET access_count = access_count + 1,
    last_accessed_at = CURRENT_TIMESTAMP
WHERE id = :#${exchangeProperty.lineage_id}
