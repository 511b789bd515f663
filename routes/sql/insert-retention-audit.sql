-- The audit row of one purge run (the trail outlives the data and records its deletion).
INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)
VALUES (:#${exchangeProperty.retentionAudit[id]}, NULL, 'purge', 'system:retention', :#${exchangeProperty.retentionAudit[accessed_at]}, 'ok', :#${exchangeProperty.retentionAudit[details]})
