package db.migration.common;

import com.leadfactory.lineage.schema.VendorScriptMigration;

/**
 * Closes the ways around the legal hold and the deletion evidence that V9 left open: a record's content cannot be
 * updated (only its access counters), a hold row cannot be updated and its deletion leaves an audit row written by
 * the database, and on PostgreSQL a TRUNCATE of report_lineage (directly or cascaded from d6_report_generations)
 * is refused while a record is held and otherwise leaves one lineage_deleted row per record, as does a TRUNCATE of
 * lineage_legal_hold one hold_deleted row per hold (H2 fires no trigger on TRUNCATE).
 */
public class V16__lineage_guards extends VendorScriptMigration {}
