-- The template summary, kept once per statement from its transition table rather than once per row: an
-- INSERT ... SELECT of a million records of a few templates updated the same summary row a million times in one
-- transaction, each update walking the row's growing chain of versions (generate-million.sql ran for more than
-- 20 minutes instead of about one and a half). One capture is one statement, so it costs what it did.
DROP TRIGGER report_lineage_template_summary ON report_lineage;
DROP FUNCTION report_template_summary_track();

CREATE FUNCTION report_template_summary_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_template_summary AS s
        (template_version_id, report_count, first_captured_at, last_captured_at)
    SELECT template_version_id, COUNT(*), MIN(created_at), MAX(created_at)
    FROM added
    GROUP BY template_version_id
    ON CONFLICT (template_version_id) DO UPDATE
        SET report_count = s.report_count + EXCLUDED.report_count,
            first_captured_at = LEAST(s.first_captured_at, EXCLUDED.first_captured_at),
            last_captured_at = GREATEST(s.last_captured_at, EXCLUDED.last_captured_at);
    RETURN NULL;
END
$$;

-- After a delete, first/last are read again from idx_lineage_template_version where a deleted record was either.
CREATE FUNCTION report_template_summary_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE report_template_summary s SET report_count = s.report_count - g.removed
    FROM (SELECT template_version_id, COUNT(*) AS removed FROM removed GROUP BY template_version_id) g
    WHERE s.template_version_id = g.template_version_id;
    DELETE FROM report_template_summary s
    WHERE s.report_count <= 0 AND s.template_version_id IN (SELECT template_version_id FROM removed);
    UPDATE report_template_summary s
    SET first_captured_at = (SELECT MIN(created_at) FROM report_lineage r
                             WHERE r.template_version_id = s.template_version_id),
        last_captured_at = (SELECT MAX(created_at) FROM report_lineage r
                            WHERE r.template_version_id = s.template_version_id)
    FROM (SELECT template_version_id, MIN(created_at) AS first_removed, MAX(created_at) AS last_removed
          FROM removed GROUP BY template_version_id) g
    WHERE s.template_version_id = g.template_version_id
      AND (s.first_captured_at = g.first_removed OR s.last_captured_at = g.last_removed);
    RETURN NULL;
END
$$;

CREATE TRIGGER report_lineage_template_summary_added AFTER INSERT ON report_lineage
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION report_template_summary_added();
CREATE TRIGGER report_lineage_template_summary_removed AFTER DELETE ON report_lineage
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION report_template_summary_removed();
