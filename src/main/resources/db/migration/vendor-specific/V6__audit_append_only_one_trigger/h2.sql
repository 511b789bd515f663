-- One trigger refuses UPDATE and DELETE of the audit trail, named as on PostgreSQL (which needs no change).
DROP TRIGGER report_lineage_audit_no_update;
DROP TRIGGER report_lineage_audit_no_delete;
CREATE TRIGGER report_lineage_audit_no_update_delete BEFORE UPDATE, DELETE ON report_lineage_audit
    FOR EACH ROW CALL 'com.leadfactory.lineage.audit.AppendOnlyTrigger';
