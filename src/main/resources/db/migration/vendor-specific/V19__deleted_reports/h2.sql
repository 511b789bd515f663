-- H2's side of report_lineage_deleted_report (PostgreSQL's is PL/pgSQL): the class name is stored in every H2
-- database. H2 fires no trigger on TRUNCATE.
CREATE TRIGGER report_lineage_deleted_report AFTER DELETE ON report_lineage
    FOR EACH ROW CALL 'com.leadfactory.lineage.hold.DeletedReportTrigger';
