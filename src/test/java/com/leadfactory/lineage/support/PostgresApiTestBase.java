package com.leadfactory.lineage.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

public abstract class PostgresApiTestBase extends ApiTestBase {

    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresApiTestBase::database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String database() {
        if (url == null) {
            url = TestDatabases.freshPostgres("lineage_api_test");
        }
        return url;
    }
}
