package com.leadfactory.lineage.openlineage;

import com.leadfactory.lineage.support.H2ApiTestBase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class OpenLineageDeliveryH2Test extends H2ApiTestBase implements OpenLineageDeliveryContract {

    @DynamicPropertySource
    static void openLineage(DynamicPropertyRegistry registry) {
        OpenLineageDeliveryContract.openLineageOn(registry);
    }
}
