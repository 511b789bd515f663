-- A captured record counts for its template; a deleted one (retention, an operator) no longer does. After a
-- delete, first/last are read again from idx_lineage_template_version when the deleted record was either.
CREATE FUNCTION report_template_summary_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_template_summary AS s
            (template_version_id, report_count, first_captured_at, last_captured_at)
        VALUES (NEW.template_version_id, 1, NEW.created_at, NEW.created_at)
        ON CONFLICT (template_version_id) DO UPDATE
            SET report_count = s.report_count + 1,
                first_captured_at = LEAST(s.first_captured_at, EXCLUDED.first_captured_at),
                last_captured_at = GREATEST(s.last_captured_at, EXCLUDED.last_captured_at);
        RETURN NEW;
    END IF;
    UPDATE report_template_summary SET report_count = report_count - 1
    WHERE template_version_id = OLD.template_version_id;
    DELETE FROM report_template_summary
    WHERE template_version_id = OLD.template_version_id AND report_count <= 0;
    UPDATE report_template_summary
    SET first_captured_at = (SELECT MIN(created_at) FROM report_lineage
                             WHERE template_version_id = OLD.template_version_id),
        last_captured_at = (SELECT MAX(created_at) FROM report_lineage
                            WHERE template_version_id = OLD.template_version_id)
    WHERE template_version_id = OLD.template_version_id
      AND (first_captured_at = OLD.created_at OR last_captured_at = OLD.created_at);
    RETURN OLD;
END
$$;
CREATE TRIGGER report_lineage_template_summary AFTER INSERT OR DELETE ON report_lineage
    FOR EACH ROW EXECUTE FUNCTION report_template_summary_track();
