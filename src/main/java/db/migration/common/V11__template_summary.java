package db.migration.common;

import com.leadfactory.lineage.schema.VendorScriptMigration;

/**
 * report_template_summary: one row per template version (reports, first and last capture), kept by a trigger
 * on report_lineage so GET /api/templates never scans the lineage table (docs/DESIGN-NOTES.md, 'Templates').
 */
public class V11__template_summary extends VendorScriptMigration {}
