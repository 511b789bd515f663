-- Lineage rows per capture source (http, rabbitmq, reconciler, demo, ...).
SELECT capture_source, COUNT(*) AS captured
FROM report_lineage
GROUP BY capture_source
ORDER BY capture_source
