-- Report generations whose lineage record was deleted while the report itself stayed: the reconciler passes
-- them over. Retention's purges are not here (the reconciler's horizon already leaves them alone), nor records
-- whose report generation went with them (nothing is left to re-capture).
CREATE TABLE lineage_deleted_report (
    report_generation_id UUID PRIMARY KEY,
    lineage_id           UUID NOT NULL,
    deleted_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    cause                VARCHAR(255) NOT NULL
);
