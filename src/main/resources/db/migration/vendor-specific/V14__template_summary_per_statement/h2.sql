-- H2 keeps its row trigger (a Java trigger sees rows, not transition tables), under the two names PostgreSQL's
-- statement triggers have, so both databases end with the same triggers.
DROP TRIGGER report_lineage_template_summary;
CREATE TRIGGER report_lineage_template_summary_added AFTER INSERT ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.templates.TemplateSummaryTrigger';
CREATE TRIGGER report_lineage_template_summary_removed AFTER DELETE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.templates.TemplateSummaryTrigger';
