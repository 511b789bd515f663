-- Capture coverage of completed reports: how many there are, and how many have a lineage row.
SELECT COUNT(*) AS completed_reports, COUNT(l.id) AS completed_reports_with_lineage
FROM d6_report_generations g
LEFT JOIN report_lineage l ON l.report_generation_id = g.id
WHERE g.status = 'completed'
