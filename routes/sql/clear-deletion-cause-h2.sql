-- The pooled H2 session forgets the deletion cause before it serves anything else.
SET @lineage_cause = NULL
