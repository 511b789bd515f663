package com.leadfactory.lineage.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

public abstract class H2ApiTestBase extends ApiTestBase {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("lineage_api"));
        registry.add("spring.datasource.username", () -> "sa");
    }
}
