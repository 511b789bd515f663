-- The audit row of one purge run (the trail outlives the data and records its deletion).
INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)
VALUES (:#id, NULL, 'purge', 'system:retention', :#accessed_at, 'ok', :#details)
