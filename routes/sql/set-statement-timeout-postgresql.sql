-- Cancel any statement of this transaction that runs longer than this many milliseconds (reset at commit or
-- rollback): the bound on a search of the whole audit trail (lineage.audit.search-timeout).
SELECT set_config('statement_timeout', CAST(:#${exchangeProperty.statementTimeoutMs} AS TEXT), true)
