-- PostgreSQL: the whole lookup of one report in one statement and one round trip (docs/DESIGN-NOTES.md, "One
-- statement a lookup"): count the access, write the audit row (outcome not_found when no row matched) and
-- return the summary, atomic by construction. H2 has no data-modifying WITH, so there the lookup runs
-- record-lineage-access, select-lineage-summary-by-report-id and insert-audit-row in one transaction; both
-- return the same columns.
WITH accessed AS (
    UPDATE report_lineage
    SET access_count = access_count + 1,
        last_accessed_at = CURRENT_TIMESTAMP
    WHERE report_generation_id = :#${exchangeProperty.report_generation_id}
    RETURNING id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
              pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
              OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
              compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
              created_at, access_count, last_accessed_at
), audited AS (
    INSERT INTO report_lineage_audit (
        id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details,
        purpose, on_behalf_of, occurred_at, event_id
    )
    SELECT :#${exchangeProperty.audit[id]}, accessed.id, :#${exchangeProperty.audit[action]},
           :#${exchangeProperty.audit[user_id]}, :#${exchangeProperty.audit[ip_address]},
           :#${exchangeProperty.audit[user_agent]}, :#${exchangeProperty.audit[accessed_at]},
           CASE WHEN accessed.id IS NULL THEN 'not_found' ELSE 'ok' END, :#${exchangeProperty.audit[request_id]},
           :#${exchangeProperty.audit[details]}, :#${exchangeProperty.audit[purpose]},
           :#${exchangeProperty.audit[on_behalf_of]}, :#${exchangeProperty.audit[occurred_at]},
           :#${exchangeProperty.audit[event_id]}
    FROM (VALUES (1)) AS one_row
    LEFT JOIN accessed ON TRUE
)
SELECT accessed.*,
       EXISTS (SELECT 1 FROM lineage_legal_hold h
               WHERE h.lineage_id = accessed.id OR h.lead_id = accessed.lead_id) AS legal_hold
FROM accessed
