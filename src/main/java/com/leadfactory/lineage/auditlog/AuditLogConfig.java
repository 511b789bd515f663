package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.config.AuditLogProperties;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * While queue ingest is on, the exchange checkpoints are published to (routes/audit-log.yaml) is declared by
 * Spring's RabbitAdmin whenever a broker connection opens: durable and fanout, so whoever keeps copies binds a
 * queue of their own to it (README, "Proving the audit trail").
 */
@Configuration
public class AuditLogConfig {

    @Bean
    @ConditionalOnProperty(prefix = "lineage.ingest.rabbitmq", name = "enabled", havingValue = "true")
    FanoutExchange auditCheckpointExchange(AuditLogProperties properties) {
        return new FanoutExchange(properties.getCheckpointExchange(), true, false);
    }
}
