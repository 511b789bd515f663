-- The audit trail is append-only, enforced by the database (see audit.AppendOnlyTrigger).
CREATE TRIGGER report_lineage_audit_no_update BEFORE UPDATE ON report_lineage_audit
    FOR EACH ROW CALL 'com.leadfactory.lineage.audit.AppendOnlyTrigger';
CREATE TRIGGER report_lineage_audit_no_delete BEFORE DELETE ON report_lineage_audit
    FOR EACH ROW CALL 'com.leadfactory.lineage.audit.AppendOnlyTrigger';
