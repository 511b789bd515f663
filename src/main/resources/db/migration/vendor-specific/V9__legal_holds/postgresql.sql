-- A held record (its own hold or its lead's) cannot be deleted by any path: retention, cascade, hand-written SQL.
CREATE FUNCTION report_lineage_refuse_held_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM lineage_legal_hold WHERE lineage_id = OLD.id OR lead_id = OLD.lead_id) THEN
        RAISE EXCEPTION 'lineage % is under legal hold: DELETE is refused', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER report_lineage_refuse_held_delete BEFORE DELETE ON report_lineage
    FOR EACH ROW EXECUTE FUNCTION report_lineage_refuse_held_delete();

-- Every deletion leaves an audit row in the deleting transaction. The cause: what the deleting session declared
-- (SET LOCAL lineage.cause = 'retention'), else 'cascade' when the report generation is gone, else 'direct'.
CREATE FUNCTION report_lineage_deletion_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cause TEXT := NULLIF(current_setting('lineage.cause', true), '');
BEGIN
    IF cause IS NULL THEN
        IF EXISTS (SELECT 1 FROM d6_report_generations WHERE id = OLD.report_generation_id) THEN
            cause := 'direct';
        ELSE
            cause := 'cascade';
        END IF;
    END IF;
    INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)
    VALUES (gen_random_uuid(), OLD.id, 'lineage_deleted', 'db:' || current_user, clock_timestamp(), 'ok',
            json_build_object(
                'report_generation_id', OLD.report_generation_id,
                'lead_id', OLD.lead_id,
                'pipeline_run_id', OLD.pipeline_run_id,
                'template_version_id', OLD.template_version_id,
                'db_user', current_user,
                'application_name', current_setting('application_name', true),
                'cause', cause)::text);
    RETURN OLD;
END;
$$;

CREATE TRIGGER report_lineage_deletion_evidence AFTER DELETE ON report_lineage
    FOR EACH ROW EXECUTE FUNCTION report_lineage_deletion_evidence();
