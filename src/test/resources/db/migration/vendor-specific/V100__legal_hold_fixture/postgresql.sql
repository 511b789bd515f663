CREATE FUNCTION fixture_refuse_held_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM fixture_legal_hold WHERE lineage_id = OLD.id) THEN
        RAISE EXCEPTION 'lineage % is under legal hold: DELETE is refused', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER fixture_refuse_held_delete BEFORE DELETE ON report_lineage
    FOR EACH ROW EXECUTE FUNCTION fixture_refuse_held_delete();

CREATE FUNCTION fixture_deletion_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, db_user, application_name)
    VALUES (gen_random_uuid(), OLD.id, 'delete', 'database', CURRENT_TIMESTAMP, 'ok',
            current_user, current_setting('application_name'));
    RETURN OLD;
END;
$$;

CREATE TRIGGER fixture_deletion_evidence AFTER DELETE ON report_lineage
    FOR EACH ROW EXECUTE FUNCTION fixture_deletion_evidence();
