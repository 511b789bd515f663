package com.leadfactory.lineage.hold;

import com.leadfactory.lineage.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RetentionHoldPostgresTest extends RetentionHoldTestBase {

    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", RetentionHoldPostgresTest::database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String database() {
        if (url == null) {
            url = TestDatabases.freshPostgres("lineage_retention_hold");
        }
        return url;
    }
}
