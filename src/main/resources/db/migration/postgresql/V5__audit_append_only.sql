-- The audit trail is append-only, enforced by the database for every role that can reach it.
CREATE FUNCTION report_lineage_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'report_lineage_audit is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER report_lineage_audit_no_update_delete
    BEFORE UPDATE OR DELETE ON report_lineage_audit
    FOR EACH ROW EXECUTE FUNCTION report_lineage_audit_append_only();

CREATE TRIGGER report_lineage_audit_no_truncate
    BEFORE TRUNCATE ON report_lineage_audit
    FOR EACH STATEMENT EXECUTE FUNCTION report_lineage_audit_append_only();
