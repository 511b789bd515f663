-- Every template version with its report count and first/last capture, newest first: read from the summary
-- the trigger report_lineage_template_summary keeps (V11), never from report_lineage itself.
SELECT template_version_id, report_count, first_captured_at, last_captured_at
FROM report_template_summary
ORDER BY last_captured_at DESC, template_version_id
