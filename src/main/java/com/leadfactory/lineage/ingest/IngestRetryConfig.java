package com.leadfactory.lineage.ingest;

import com.leadfactory.lineage.config.IngestProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The retry topology of the queue ingest (docs/DESIGN-NOTES.md, "Queue retries"), declared by Spring's RabbitAdmin
 * whenever a broker connection opens: the direct exchange {@code retry-exchange} and, per distinct delay of {@code
 * retry-delays}, a durable classic queue {@code QUEUE.retry.DELAY} bound to it under its own name, whose
 * {@code x-message-ttl} is that delay and whose dead-letter exchange (the default exchange, with the ingest queue's
 * name as routing key) puts expired messages back on the ingest queue. The ingest queue itself and the dead-letter
 * queue stay declared by the route, with the arguments they always had.
 */
@Configuration
public class IngestRetryConfig {

    private static final Logger log = LoggerFactory.getLogger(IngestRetryConfig.class);

    /** Names that configured Camel's in-thread redelivery, which held the consumer while it waited. */
    static final Map<String, String> RETIRED = Map.of(
            "max-redeliveries", "retry-budget",
            "redelivery-delay", "retry-delays",
            "max-redelivery-delay", "retry-delays",
            "unknown-report-redeliveries", "retry-budget",
            "unknown-report-delay", "retry-delays");

    public IngestRetryConfig(Environment environment) {
        Binder binder = Binder.get(environment);
        RETIRED.forEach((name, replacement) -> {
            if (binder.bind("lineage.ingest.rabbitmq." + name, String.class).isBound()) {
                log.warn(
                        "lineage.ingest.rabbitmq.{} is no longer used and is ignored: a waiting completion now waits"
                                + " in delay queues, see lineage.ingest.rabbitmq.{} (README, \"Queue ingest\")",
                        name,
                        replacement);
            }
        });
    }

    @Bean
    @ConditionalOnProperty(prefix = "lineage.ingest.rabbitmq", name = "enabled", havingValue = "true")
    Declarables ingestRetryTopology(IngestProperties properties) {
        RetrySchedule schedule = RetrySchedule.of(properties);
        DirectExchange exchange = new DirectExchange(properties.getRetryExchange(), true, false);
        List<Declarable> topology = new ArrayList<>();
        topology.add(exchange);
        for (RetrySchedule.DelayQueue delay : schedule.delayQueues()) {
            Queue queue = QueueBuilder.durable(delay.name())
                    .withArgument("x-queue-type", "classic")
                    .ttl((int) delay.delay().toMillis())
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(properties.getQueue())
                    .build();
            topology.add(queue);
            topology.add(BindingBuilder.bind(queue).to(exchange).with(delay.name()));
        }
        return new Declarables(topology);
    }
}
