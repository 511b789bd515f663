package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AuthFailureNameStoragePostgresTest extends AuthFailureNameStorageTestBase {

    private static String url;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", AuthFailureNameStoragePostgresTest::database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static synchronized String database() {
        if (url == null) {
            url = TestDatabases.freshPostgres("lineage_auth_failure_names");
        }
        return url;
    }
}
