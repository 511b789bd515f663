package com.leadfactory.lineage.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Flyway outside Spring, configured as the service configures it (application.yaml, MigrationPlaceholders). */
final class TestFlyway {

    static final String LAST_RELEASED = "5";

    private TestFlyway() {}

    static Flyway current(String url, String user, DatabaseVendor vendor) {
        return MigrationPlaceholders.apply(configure(url, user, vendor), vendor).load();
    }

    /** As the released version ran it: the same locations, no placeholders, up to its last migration. */
    static Flyway released(String url, String user, DatabaseVendor vendor) {
        return configure(url, user, vendor).target(LAST_RELEASED).load();
    }

    private static FluentConfiguration configure(String url, String user, DatabaseVendor vendor) {
        return Flyway.configure()
                .dataSource(url, user, "")
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.folder());
    }
}
