package com.leadfactory.lineage.ingest;

import com.leadfactory.lineage.config.IngestProperties;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** How many messages wait in the dead-letter queue right now (null when the queue ingest is off or unreachable). */
@Component("deadLetterQueueDepth")
public class DeadLetterQueueDepth {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueueDepth.class);

    private final IngestProperties properties;
    private final ObjectProvider<AmqpAdmin> admin;

    public DeadLetterQueueDepth(IngestProperties properties, ObjectProvider<AmqpAdmin> admin) {
        this.properties = properties;
        this.admin = admin;
    }

    public Long messages() {
        AmqpAdmin amqp = admin.getIfAvailable();
        if (!properties.isEnabled() || amqp == null) {
            return null;
        }
        try {
            Properties queue = amqp.getQueueProperties(properties.getDeadLetterQueue());
            Object count = queue == null ? null : queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
            return count == null ? null : ((Number) count).longValue();
        } catch (RuntimeException e) {
            log.debug("Cannot read the depth of {}: {}", properties.getDeadLetterQueue(), e.toString());
            return null;
        }
    }
}
