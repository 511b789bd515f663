package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AuthFailureNameStorageH2Test extends AuthFailureNameStorageTestBase {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("lineage_auth_failure_names"));
        registry.add("spring.datasource.username", () -> "sa");
    }
}
