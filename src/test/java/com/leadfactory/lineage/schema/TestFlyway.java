package com.leadfactory.lineage.schema;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Flyway outside Spring, configured as the service configures it (application.yaml, MigrationPlaceholders). */
final class TestFlyway {

    static final String LAST_RELEASED = "5";

    private TestFlyway() {}

    /** With {@code extraLocations} after the service's own, e.g. test fixtures. */
    static Flyway current(String url, String user, DatabaseVendor vendor, String... extraLocations) {
        FluentConfiguration configuration = configure(url, user, vendor);
        List<Location> locations = new ArrayList<>(List.of(configuration.getLocations()));
        for (String extra : extraLocations) {
            locations.add(new Location(extra));
        }
        return MigrationPlaceholders.apply(configuration.locations(locations.toArray(Location[]::new)), vendor)
                .load();
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
