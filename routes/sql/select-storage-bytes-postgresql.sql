-- Bytes used by the lineage tables, with their indexes and TOAST (raw inputs live out of line).
SELECT pg_total_relation_size('report_lineage') + pg_total_relation_size('report_lineage_audit') AS bytes
