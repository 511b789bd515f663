-- Tell the deletion-evidence trigger why the rows of this transaction are deleted (reset at commit or rollback).
SELECT set_config('lineage.cause', :#${exchangeProperty.deletionCause}, true)
