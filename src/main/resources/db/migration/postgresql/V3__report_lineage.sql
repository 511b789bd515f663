-- One row per rendered PDF: the triplet, timings, logs and the gzip of the raw inputs.
-- Changes from the seed: TIMESTAMP WITH TIME ZONE (stored UTC), raw_inputs_sha256 / pdf_sha256 /
-- truncated / capture_source added, compression_ratio widened (highly repetitive inputs exceed 999.99),
-- report_generation_id UNIQUE (the idempotency key).
CREATE TABLE report_lineage (
    id                    UUID PRIMARY KEY,
    report_generation_id  UUID NOT NULL,
    lead_id               UUID NOT NULL,
    pipeline_run_id       UUID NOT NULL,
    template_version_id   VARCHAR(255) NOT NULL,
    pipeline_start_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    pipeline_end_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    pipeline_logs         JSONB,
    raw_inputs_compressed BYTEA,
    raw_inputs_size_bytes BIGINT,
    compression_ratio     NUMERIC(8, 2),
    raw_inputs_sha256     CHAR(64),
    pdf_sha256            CHAR(64),
    truncated             BOOLEAN NOT NULL DEFAULT FALSE,
    capture_source        VARCHAR(32) NOT NULL DEFAULT 'api',
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_accessed_at      TIMESTAMP WITH TIME ZONE,
    access_count          INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT uq_lineage_report_generation UNIQUE (report_generation_id),
    CONSTRAINT fk_lineage_report_generation FOREIGN KEY (report_generation_id)
        REFERENCES d6_report_generations (id) ON DELETE CASCADE
);

-- The seed's indexes, made composite with (created_at, id) so that newest-first keyset pages are index scans.
CREATE INDEX idx_lineage_lead_id ON report_lineage (lead_id, created_at, id);
CREATE INDEX idx_lineage_pipeline_run ON report_lineage (pipeline_run_id, created_at, id);
CREATE INDEX idx_lineage_created_at ON report_lineage (created_at, id);
CREATE INDEX idx_lineage_template_version ON report_lineage (template_version_id, created_at, id);
CREATE INDEX idx_lineage_pdf_sha256 ON report_lineage (pdf_sha256);

-- The column already holds gzip: keep PostgreSQL from compressing it again, store it out of line.
ALTER TABLE report_lineage ALTER COLUMN raw_inputs_compressed SET STORAGE EXTERNAL;
