-- The field digests of the completion a report was captured from (NULL for rows captured before V15 and for
-- messages the service built): a repeat is compared against them (capture.CompletionAgreement).
SELECT message_digests
FROM report_lineage
WHERE report_generation_id = :#${exchangeProperty.report_generation_id}
