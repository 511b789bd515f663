-- The OpenLineage outbox (docs/OPENLINEAGE.md): the run events of each captured report, written in the capture's
-- own transaction and sent by the delivery route. payload is the event exactly as sent (text, not JSON: a JSON
-- column may reorder keys). state: pending (due at next_attempt_at), delivered, parked (the consumer refused it,
-- last_error says why). The events live as long as their record: purging a lineage row deletes them.
CREATE TABLE openlineage_outbox (
    id               UUID PRIMARY KEY,
    lineage_id       UUID NOT NULL,
    run_id           UUID NOT NULL,
    sequence_no      INTEGER NOT NULL,
    event_type       VARCHAR(16) NOT NULL,
    event_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    payload          VARCHAR(1000000) NOT NULL,
    state            VARCHAR(16) NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_openlineage_run_sequence UNIQUE (run_id, sequence_no),
    CONSTRAINT fk_openlineage_lineage FOREIGN KEY (lineage_id) REFERENCES report_lineage (id) ON DELETE CASCADE,
    CONSTRAINT ck_openlineage_state CHECK (state IN ('pending', 'delivered', 'parked'))
);
CREATE INDEX idx_openlineage_outbox_due ON openlineage_outbox (state, next_attempt_at);
CREATE INDEX idx_openlineage_outbox_lineage ON openlineage_outbox (lineage_id);
