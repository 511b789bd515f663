-- One page of search results, newest first, by keyset (created_at, id): stable while new rows arrive. The cursor
-- is a row comparison so that PostgreSQL can start the index scan at it, however deep the page
-- (docs/DESIGN-NOTES.md, "Keyset pages").
-- Every filter is optional; a NULL parameter switches its condition off. The casts give PostgreSQL a type
-- for parameters that are only ever compared with NULL.
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
