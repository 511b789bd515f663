package db.migration.common;

import com.leadfactory.lineage.schema.VendorScriptMigration;

/**
 * A record deleted by hand (or by any path but retention and a report's own deletion) leaves its report
 * generation's id in lineage_deleted_report, written by the database, so that the reconciler, which re-captures
 * completed reports without lineage, does not bring an erased record back (docs/DESIGN-NOTES.md, "Deletions").
 */
public class V19__deleted_reports extends VendorScriptMigration {}
