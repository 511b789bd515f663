-- The same trigger as on PostgreSQL, as a Java class (templates.TemplateSummaryTrigger).
CREATE TRIGGER report_lineage_template_summary AFTER INSERT, DELETE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.templates.TemplateSummaryTrigger';
