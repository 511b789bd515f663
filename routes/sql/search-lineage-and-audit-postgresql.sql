-- PostgreSQL: a search page and its audit row in one statement and one round trip (docs/DESIGN-NOTES.md, "One
-- statement a lookup"): the select of select-lineage-page.sql and the row of insert-audit-row.sql, atomic by
-- construction. The row's details arrive cut before their count (query.PageBuilder#describeSearchUncounted) and
-- end here with the number of rows served, at most the page's limit; on H2 the route runs the two statements in
-- one transaction and the details read the same. routes.OneStatementReadSqlTest keeps the select equal to
-- select-lineage-page.sql and the columns to insert-audit-row.sql's.
WITH page AS (
    SELECT id, report_generation_id, lead_id, pipeline_run_id, template_version_id,
           pipeline_start_time, pipeline_end_time, raw_inputs_size_bytes,
           OCTET_LENGTH(raw_inputs_compressed) AS raw_inputs_compressed_bytes,
           compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source,
           created_at, access_count, last_accessed_at,
           EXISTS (SELECT 1 FROM lineage_legal_hold h
                   WHERE h.lineage_id = report_lineage.id OR h.lead_id = report_lineage.lead_id) AS legal_hold
    FROM report_lineage
    WHERE (CAST(:#${exchangeProperty.search[lead_id]} AS UUID) IS NULL
            OR lead_id = :#${exchangeProperty.search[lead_id]})
      AND (CAST(:#${exchangeProperty.search[pipeline_run_id]} AS UUID) IS NULL
            OR pipeline_run_id = :#${exchangeProperty.search[pipeline_run_id]})
      AND (CAST(:#${exchangeProperty.search[template_version_id]} AS VARCHAR(255)) IS NULL
            OR template_version_id = :#${exchangeProperty.search[template_version_id]})
      AND (CAST(:#${exchangeProperty.search[pdf_sha256]} AS CHAR(64)) IS NULL
            OR pdf_sha256 = :#${exchangeProperty.search[pdf_sha256]})
      AND (CAST(:#${exchangeProperty.search[lineage_id]} AS UUID) IS NULL
            OR id = :#${exchangeProperty.search[lineage_id]})
      AND (CAST(:#${exchangeProperty.search[from]} AS TIMESTAMP WITH TIME ZONE) IS NULL
            OR created_at >= :#${exchangeProperty.search[from]})
      AND (CAST(:#${exchangeProperty.search[to]} AS TIMESTAMP WITH TIME ZONE) IS NULL
            OR created_at < :#${exchangeProperty.search[to]})
      AND (CAST(:#${exchangeProperty.search[after_created_at]} AS TIMESTAMP WITH TIME ZONE) IS NULL
            OR (created_at, id) < (:#${exchangeProperty.search[after_created_at]},
                                   CAST(:#${exchangeProperty.search[after_id]} AS UUID)))
    ORDER BY created_at DESC, id DESC
    LIMIT :#${exchangeProperty.search[fetch]}
), audited AS (
    INSERT INTO report_lineage_audit (
        id, lineage_id, action, user_id, ip_address, user_agent, accessed_at, outcome, request_id, details,
        purpose, on_behalf_of, occurred_at, event_id
    )
    SELECT :#${exchangeProperty.audit[id]}, NULL, :#${exchangeProperty.audit[action]},
           :#${exchangeProperty.audit[user_id]}, :#${exchangeProperty.audit[ip_address]},
           :#${exchangeProperty.audit[user_agent]}, :#${exchangeProperty.audit[accessed_at]},
           :#${exchangeProperty.audit[outcome]}, :#${exchangeProperty.audit[request_id]},
           :#${exchangeProperty.audit[details]}
               || CAST(LEAST(COUNT(*), :#${exchangeProperty.search[limit]}) AS VARCHAR) || '}',
           :#${exchangeProperty.audit[purpose]}, :#${exchangeProperty.audit[on_behalf_of]},
           :#${exchangeProperty.audit[occurred_at]}, :#${exchangeProperty.audit[event_id]}
    FROM page
)
SELECT * FROM page ORDER BY created_at DESC, id DESC
