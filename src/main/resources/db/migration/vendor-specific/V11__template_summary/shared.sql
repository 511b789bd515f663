-- One row per template version, kept up to date by the trigger report_lineage_template_summary.
CREATE TABLE report_template_summary (
    template_version_id VARCHAR(255) NOT NULL PRIMARY KEY,
    report_count BIGINT NOT NULL,
    first_captured_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_captured_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX idx_template_summary_last ON report_template_summary (last_captured_at, template_version_id);
-- the records captured before this migration
INSERT INTO report_template_summary (template_version_id, report_count, first_captured_at, last_captured_at)
SELECT template_version_id, COUNT(*), MIN(created_at), MAX(created_at)
FROM report_lineage
GROUP BY template_version_id;
