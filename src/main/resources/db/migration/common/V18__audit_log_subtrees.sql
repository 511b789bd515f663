-- The roots of the audit log's perfect subtrees of 256 leaves and more, kept by the checkpointer as it sequences
-- rows, so an inclusion or consistency proof reads a few dozen hashes instead of every leaf up to its checkpoint.
-- A cache that proofs check against the signed root before answering, rebuilt from audit_log_leaf when it does
-- not cover the log (docs/DESIGN-NOTES.md, "Proving the audit trail").
CREATE TABLE audit_log_node (
    tree_level INTEGER NOT NULL,
    tree_index BIGINT NOT NULL,
    root_hash  ${bytes_type} NOT NULL,
    CONSTRAINT pk_audit_log_node PRIMARY KEY (tree_level, tree_index)
);
