-- H2's estimate of the bytes used by the lineage tables (pages of the table and its indexes).
SELECT DISK_SPACE_USED('report_lineage') + DISK_SPACE_USED('report_lineage_audit') AS bytes
