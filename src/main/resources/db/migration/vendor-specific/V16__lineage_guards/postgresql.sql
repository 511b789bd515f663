-- A record's content is what was captured: only the access counters change (routes/sql/record-lineage-access*.sql).
-- Column-specific (UPDATE OF ...): the reads' UPDATE of access_count / last_accessed_at does not fire it, so a read
-- never compares (and de-TOASTs) the raw inputs. A column added to report_lineage later must be added here.
CREATE FUNCTION report_lineage_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed TEXT := CASE
        WHEN NEW.id IS DISTINCT FROM OLD.id THEN 'id'
        WHEN NEW.report_generation_id IS DISTINCT FROM OLD.report_generation_id THEN 'report_generation_id'
        WHEN NEW.lead_id IS DISTINCT FROM OLD.lead_id THEN 'lead_id'
        WHEN NEW.pipeline_run_id IS DISTINCT FROM OLD.pipeline_run_id THEN 'pipeline_run_id'
        WHEN NEW.template_version_id IS DISTINCT FROM OLD.template_version_id THEN 'template_version_id'
        WHEN NEW.pipeline_start_time IS DISTINCT FROM OLD.pipeline_start_time THEN 'pipeline_start_time'
        WHEN NEW.pipeline_end_time IS DISTINCT FROM OLD.pipeline_end_time THEN 'pipeline_end_time'
        WHEN NEW.pipeline_logs IS DISTINCT FROM OLD.pipeline_logs THEN 'pipeline_logs'
        WHEN NEW.pipeline_logs_gzip IS DISTINCT FROM OLD.pipeline_logs_gzip THEN 'pipeline_logs_gzip'
        WHEN NEW.raw_inputs_compressed IS DISTINCT FROM OLD.raw_inputs_compressed THEN 'raw_inputs_compressed'
        WHEN NEW.raw_inputs_size_bytes IS DISTINCT FROM OLD.raw_inputs_size_bytes THEN 'raw_inputs_size_bytes'
        WHEN NEW.compression_ratio IS DISTINCT FROM OLD.compression_ratio THEN 'compression_ratio'
        WHEN NEW.raw_inputs_sha256 IS DISTINCT FROM OLD.raw_inputs_sha256 THEN 'raw_inputs_sha256'
        WHEN NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256 THEN 'pdf_sha256'
        WHEN NEW.truncated IS DISTINCT FROM OLD.truncated THEN 'truncated'
        WHEN NEW.capture_source IS DISTINCT FROM OLD.capture_source THEN 'capture_source'
        WHEN NEW.created_at IS DISTINCT FROM OLD.created_at THEN 'created_at'
        WHEN NEW.message_digests::text IS DISTINCT FROM OLD.message_digests::text THEN 'message_digests'
    END;
BEGIN
    IF changed IS NOT NULL THEN
        RAISE EXCEPTION 'report_lineage.% of lineage % cannot be changed: a record is immutable (an UPDATE may'
                        ' change only access_count and last_accessed_at)', changed, OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER report_lineage_immutable
    BEFORE UPDATE OF id, report_generation_id, lead_id, pipeline_run_id, template_version_id, pipeline_start_time,
        pipeline_end_time, pipeline_logs, pipeline_logs_gzip, raw_inputs_compressed, raw_inputs_size_bytes,
        compression_ratio, raw_inputs_sha256, pdf_sha256, truncated, capture_source, created_at, message_digests
    ON report_lineage
    FOR EACH ROW EXECUTE FUNCTION report_lineage_immutable();

-- TRUNCATE fires no DELETE trigger: refuse it while any record is held (its own hold or its lead's), otherwise
-- write the same lineage_deleted row per record as report_lineage_deletion_evidence, cause 'truncate', in the
-- truncating transaction. PostgreSQL fires it for TRUNCATE d6_report_generations CASCADE too. The SHARE lock makes
-- a hold placed meanwhile wait for the truncate's end (and a truncate wait for a hold being placed).
CREATE FUNCTION report_lineage_truncate_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    held UUID;
BEGIN
    LOCK TABLE lineage_legal_hold IN SHARE MODE;
    SELECT x.id INTO held FROM (
        SELECT r.id FROM lineage_legal_hold h JOIN report_lineage r ON r.id = h.lineage_id
        UNION ALL
        SELECT r.id FROM lineage_legal_hold h JOIN report_lineage r ON r.lead_id = h.lead_id
    ) x LIMIT 1;
    IF held IS NOT NULL THEN
        RAISE EXCEPTION 'lineage % (and maybe more) is under legal hold: TRUNCATE of report_lineage is refused', held
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)
    SELECT gen_random_uuid(), r.id, 'lineage_deleted', 'db:' || current_user, clock_timestamp(), 'ok',
           json_build_object(
               'report_generation_id', r.report_generation_id,
               'lead_id', r.lead_id,
               'pipeline_run_id', r.pipeline_run_id,
               'template_version_id', r.template_version_id,
               'db_user', current_user,
               'application_name', current_setting('application_name', true),
               'cause', 'truncate')::text
    FROM report_lineage r;
    -- no record is left to summarise (the summary's DELETE trigger does not fire on TRUNCATE either)
    DELETE FROM report_template_summary;
    RETURN NULL;
END;
$$;

CREATE TRIGGER report_lineage_truncate_evidence BEFORE TRUNCATE ON report_lineage
    FOR EACH STATEMENT EXECUTE FUNCTION report_lineage_truncate_evidence();

-- A hold is placed and released, never changed: moving it to another record or lead would release it unrecorded.
CREATE FUNCTION lineage_legal_hold_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'legal hold % cannot be changed: release it (DELETE) and place a new one', OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER lineage_legal_hold_immutable BEFORE UPDATE ON lineage_legal_hold
    FOR EACH ROW EXECUTE FUNCTION lineage_legal_hold_immutable();

-- Every removed hold leaves an audit row written by the database in the removing transaction (action hold_deleted,
-- the hold as it was, db user, application name, cause = the session's lineage.cause, else 'direct'). A release
-- through the API writes its own hold_release row (who asked) beside it, in the same transaction.
CREATE FUNCTION lineage_legal_hold_deletion_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)
    VALUES (gen_random_uuid(), OLD.lineage_id, 'hold_deleted', 'db:' || current_user, clock_timestamp(), 'ok',
            json_build_object(
                'hold_id', OLD.id,
                'scope', CASE WHEN OLD.lineage_id IS NULL THEN 'lead' ELSE 'lineage' END,
                'lineage_id', OLD.lineage_id,
                'lead_id', OLD.lead_id,
                'reason', OLD.reason,
                'placed_by', OLD.placed_by,
                'placed_at', OLD.placed_at,
                'db_user', current_user,
                'application_name', current_setting('application_name', true),
                'cause', COALESCE(NULLIF(current_setting('lineage.cause', true), ''), 'direct'))::text);
    RETURN OLD;
END;
$$;

CREATE TRIGGER lineage_legal_hold_deletion_evidence AFTER DELETE ON lineage_legal_hold
    FOR EACH ROW EXECUTE FUNCTION lineage_legal_hold_deletion_evidence();

-- The same evidence for a TRUNCATE of the holds, cause 'truncate'.
CREATE FUNCTION lineage_legal_hold_truncate_evidence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_lineage_audit (id, lineage_id, action, user_id, accessed_at, outcome, details)
    SELECT gen_random_uuid(), h.lineage_id, 'hold_deleted', 'db:' || current_user, clock_timestamp(), 'ok',
           json_build_object(
               'hold_id', h.id,
               'scope', CASE WHEN h.lineage_id IS NULL THEN 'lead' ELSE 'lineage' END,
               'lineage_id', h.lineage_id,
               'lead_id', h.lead_id,
               'reason', h.reason,
               'placed_by', h.placed_by,
               'placed_at', h.placed_at,
               'db_user', current_user,
               'application_name', current_setting('application_name', true),
               'cause', 'truncate')::text
    FROM lineage_legal_hold h;
    RETURN NULL;
END;
$$;

CREATE TRIGGER lineage_legal_hold_truncate_evidence BEFORE TRUNCATE ON lineage_legal_hold
    FOR EACH STATEMENT EXECUTE FUNCTION lineage_legal_hold_truncate_evidence();
