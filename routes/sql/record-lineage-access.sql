-- Every read of a report's lineage counts: raise access_count and stamp last_accessed_at.
UPDATE report_lineage
SET access_count = access_count + 1,
    last_accessed_at = CURRENT_TIMESTAMP
WHERE report_generation_id = :#${exchangeProperty.report_generation_id}
