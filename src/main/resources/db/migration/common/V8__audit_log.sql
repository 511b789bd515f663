-- The tamper-evident audit log (docs/DESIGN-NOTES.md, "Proving the audit trail"). The checkpointer gives every
-- audit row, after it committed, a sequence number it keeps forever and a leaf hash of its canonical bytes;
-- audit_log_head is the one row every checkpointer locks (one writer, however many instances), holding the
-- tree's right frontier so a tick never rereads old leaves; audit_checkpoint keeps each signed tree head.
CREATE TABLE audit_log_leaf (
    seq       BIGINT PRIMARY KEY,
    audit_id  UUID NOT NULL,
    leaf_hash ${bytes_type} NOT NULL,
    CONSTRAINT uq_audit_log_leaf_audit UNIQUE (audit_id)
);

CREATE TABLE audit_log_head (
    id                 INTEGER PRIMARY KEY,
    size               BIGINT NOT NULL,
    frontier           ${bytes_type},
    last_checkpoint_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_audit_log_head_one CHECK (id = 1)
);

INSERT INTO audit_log_head (id, size) VALUES (1, 0);

CREATE TABLE audit_checkpoint (
    size       BIGINT PRIMARY KEY,
    root_hash  ${bytes_type} NOT NULL,
    origin     VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    note       VARCHAR(2000) NOT NULL
);
