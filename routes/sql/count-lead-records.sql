-- Whether a lead is known (1: it has a lineage record or a report generation) or not (0).
SELECT CASE WHEN EXISTS (SELECT 1 FROM report_lineage WHERE lead_id = :#${exchangeProperty.lead_id})
              OR EXISTS (SELECT 1 FROM d6_report_generations WHERE lead_id = :#${exchangeProperty.lead_id})
            THEN 1 ELSE 0 END
