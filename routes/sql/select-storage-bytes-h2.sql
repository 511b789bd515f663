-- An estimate of the bytes used by the lineage tables on H2 (its DISK_SPACE_USED reports 0 for these tables):
-- the stored gzip and logs of every lineage row, plus 400 bytes a lineage row and 300 an audit row for the other
-- columns and the indexes. PostgreSQL measures the real size (select-storage-bytes-postgresql.sql).
SELECT (SELECT COALESCE(SUM(COALESCE(OCTET_LENGTH(raw_inputs_compressed), 0)
                            + COALESCE(OCTET_LENGTH(pipeline_logs), 0) + 400), 0)
        FROM report_lineage)
     + (SELECT COUNT(*) * 300 FROM report_lineage_audit) AS bytes
