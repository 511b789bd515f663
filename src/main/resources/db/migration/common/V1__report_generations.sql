-- Stand-in for the LeadFactory table the pipeline writes when it renders a report.
CREATE TABLE d6_report_generations (
    id                  UUID PRIMARY KEY,
    lead_id             UUID NOT NULL,
    pipeline_run_id     UUID,
    template_version_id VARCHAR(255),
    status              VARCHAR(32) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    pdf_uri             VARCHAR(2048),
    pdf_sha256          CHAR(64)
);

CREATE INDEX idx_report_generations_status_updated ON d6_report_generations (status, updated_at);
