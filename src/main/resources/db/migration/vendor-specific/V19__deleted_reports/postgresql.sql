-- One row per deleted record whose report generation is still there, in the deleting transaction, with the cause
-- the session declared (SET LOCAL lineage.cause = ...) or 'direct'. A record captured again and deleted again
-- keeps the latest deletion.
CREATE FUNCTION report_lineage_deleted_report() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cause TEXT := COALESCE(NULLIF(current_setting('lineage.cause', true), ''), 'direct');
BEGIN
    IF cause <> 'retention' AND EXISTS (SELECT 1 FROM d6_report_generations WHERE id = OLD.report_generation_id) THEN
        INSERT INTO lineage_deleted_report (report_generation_id, lineage_id, deleted_at, cause)
        VALUES (OLD.report_generation_id, OLD.id, clock_timestamp(), cause)
        ON CONFLICT (report_generation_id) DO UPDATE
            SET lineage_id = EXCLUDED.lineage_id, deleted_at = EXCLUDED.deleted_at, cause = EXCLUDED.cause;
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER report_lineage_deleted_report AFTER DELETE ON report_lineage
    FOR EACH ROW EXECUTE FUNCTION report_lineage_deleted_report();

-- TRUNCATE fires no DELETE trigger: every record whose report generation stays is on the list too. (A TRUNCATE
-- cascaded from d6_report_generations empties that table as well, and the join finds nothing.)
CREATE FUNCTION report_lineage_truncate_deleted_reports() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lineage_deleted_report (report_generation_id, lineage_id, deleted_at, cause)
    SELECT r.report_generation_id, r.id, clock_timestamp(), 'truncate'
    FROM report_lineage r JOIN d6_report_generations g ON g.id = r.report_generation_id
    ON CONFLICT (report_generation_id) DO UPDATE
        SET lineage_id = EXCLUDED.lineage_id, deleted_at = EXCLUDED.deleted_at, cause = EXCLUDED.cause;
    RETURN NULL;
END;
$$;

CREATE TRIGGER report_lineage_truncate_deleted_reports BEFORE TRUNCATE ON report_lineage
    FOR EACH STATEMENT EXECUTE FUNCTION report_lineage_truncate_deleted_reports();
