package db.migration.common;

import com.leadfactory.lineage.schema.VendorScriptMigration;

/**
 * Legal holds (table lineage_legal_hold) and two triggers on report_lineage on both databases: one refuses to
 * delete a held record by any path, one writes audit evidence of every deletion in the deleting transaction
 * (PL/pgSQL on PostgreSQL, Java classes of package hold on H2).
 */
public class V9__legal_holds extends VendorScriptMigration {}
