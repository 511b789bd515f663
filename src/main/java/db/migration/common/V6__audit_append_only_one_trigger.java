package db.migration.common;

import com.leadfactory.lineage.schema.VendorScriptMigration;

/**
 * H2 gets the one append-only trigger under the name PostgreSQL already has, so both databases end with the
 * same triggers (PostgreSQL's TRUNCATE guard has no H2 counterpart: H2 fires no trigger on TRUNCATE).
 */
public class V6__audit_append_only_one_trigger extends VendorScriptMigration {}
