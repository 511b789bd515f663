package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.support.PostgresApiTestBase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class OpenLineageDeliveryPostgresTest extends PostgresApiTestBase implements OpenLineageDeliveryContract {

    @DynamicPropertySource
    static void openLineage(DynamicPropertyRegistry registry) {
        OpenLineageDeliveryContract.openLineageOn(registry);
    }
}
