package com.leadfactory.lineage.hold;

import com.leadfactory.lineage.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RetentionHoldH2Test extends RetentionHoldTestBase {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabases.h2Memory("lineage_retention_hold"));
        registry.add("spring.datasource.username", () -> "sa");
    }
}
