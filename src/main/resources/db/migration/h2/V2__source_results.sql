-- Stand-ins for the LeadFactory tables the capture reads as a report's raw inputs.
CREATE TABLE assessment_results (
    id              UUID PRIMARY KEY,
    lead_id         UUID NOT NULL,
    pipeline_run_id UUID,
    kind            VARCHAR(64) NOT NULL,
    payload         JSON NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_assessment_results_lead_created ON assessment_results (lead_id, created_at);

CREATE TABLE enrichment_results (
    id         UUID PRIMARY KEY,
    lead_id    UUID NOT NULL,
    source     VARCHAR(64) NOT NULL,
    payload    JSON NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_enrichment_results_lead_created ON enrichment_results (lead_id, created_at);
