package com.leadfactory.lineage.schema;

import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives every migration the type placeholders of the database it runs on ({@code ${json_type}},
 * {@code ${bytes_type}}; see {@link DatabaseVendor}), so one migration file serves both databases. Placeholders
 * set in {@code spring.flyway.placeholders.*} win. Flyway checksums the file as written, before replacement:
 * adding placeholders changes no checksum.
 */
@Component
public class MigrationPlaceholders implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        apply(configuration, DatabaseVendor.of(configuration.getDataSource()));
    }

    /** Also used by tests that run Flyway without Spring. */
    public static FluentConfiguration apply(FluentConfiguration configuration, DatabaseVendor vendor) {
        Map<String, String> placeholders = new HashMap<>(vendor.placeholders());
        placeholders.putAll(configuration.getPlaceholders());
        return configuration.placeholders(placeholders);
    }
}
