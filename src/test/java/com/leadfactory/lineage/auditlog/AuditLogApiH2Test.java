package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.support.H2ApiTestBase;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;

class AuditLogApiH2Test extends H2ApiTestBase implements AuditLogApiContract {

    @Autowired
    ProducerTemplate producer;

    @Override
    public void checkpointNow() {
        producer.sendBody("direct:audit-checkpoint", null);
    }
}
