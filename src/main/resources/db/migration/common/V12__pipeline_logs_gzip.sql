-- The pipeline logs once more, as the gzip the logs endpoint sends: a 5 MB log is then read and sent as its
-- ~300 KB of gzip, with neither jsonb-to-text conversion nor compression at request time (docs/DESIGN-NOTES.md,
-- "Logs served pre-compressed"). pipeline_logs stays the logs' queryable form. NULL for rows captured before
-- this column existed, and for rows without logs: those are served from pipeline_logs as before.
ALTER TABLE report_lineage ADD COLUMN pipeline_logs_gzip ${bytes_type};
