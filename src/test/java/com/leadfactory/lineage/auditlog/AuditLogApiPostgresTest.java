package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.support.PostgresApiTestBase;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;

class AuditLogApiPostgresTest extends PostgresApiTestBase implements AuditLogApiContract {

    @Autowired
    ProducerTemplate producer;

    @Override
    public void checkpointNow() {
        producer.sendBody("direct:audit-checkpoint", null);
    }
}
