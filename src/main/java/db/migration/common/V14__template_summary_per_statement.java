package db.migration.common;

import com.leadfactory.lineage.schema.VendorScriptMigration;

/**
 * The template summary is kept per statement on PostgreSQL instead of per row: a bulk insert of many records of
 * one template updated the same summary row once per record in one transaction, each update slower than the
 * last (docs/DESIGN-NOTES.md, "Per statement on PostgreSQL").
 */
public class V14__template_summary_per_statement extends VendorScriptMigration {}
