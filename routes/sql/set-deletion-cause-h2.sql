-- Tell H2's deletion-evidence trigger why rows are deleted: a session variable, cleared by clear-deletion-cause-h2.sql.
SET @lineage_cause = :#${exchangeProperty.deletionCause}
