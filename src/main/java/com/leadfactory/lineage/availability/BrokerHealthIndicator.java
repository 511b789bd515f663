package com.leadfactory.lineage.availability;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code rabbit} in /actuator/health and the readiness group while queue ingest is on
 * ({@code management.health.rabbit.enabled}), in place of Spring's own: UP while the broker answers, DOWN
 * otherwise, said in the log once ({@link ProbedDependency}).
 */
@Component("rabbitHealthIndicator")
@ConditionalOnEnabledHealthIndicator("rabbit")
public class BrokerHealthIndicator implements HealthIndicator {

    private final RabbitTemplate rabbit;
    private final ProbedDependency broker = new ProbedDependency("the broker");

    public BrokerHealthIndicator(ConnectionFactory connectionFactory) {
        this.rabbit = new RabbitTemplate(connectionFactory);
    }

    @Override
    public Health health() {
        Object version;
        try {
            version = rabbit.execute(
                    channel -> channel.getConnection().getServerProperties().get("version"));
        } catch (RuntimeException e) {
            return broker.away(e);
        }
        return broker.answers().withDetail("version", String.valueOf(version)).build();
    }
}
