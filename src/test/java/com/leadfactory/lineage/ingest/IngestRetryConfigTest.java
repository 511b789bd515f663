package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.leadfactory.lineage.config.IngestProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class IngestRetryConfigTest {

    @Test
    void declaresTheRetryExchangeAndOneDurableTtlQueuePerDelayThatExpiresBackOntoTheIngestQueue() {
        IngestProperties properties = new IngestProperties();
        properties.setQueue("ingest");
        properties.setRetryExchange("ingest.retry-x");
        properties.setRetryDelays(List.of(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(2)));

        Declarables topology = new IngestRetryConfig(new MockEnvironment()).ingestRetryTopology(properties);

        DirectExchange exchange =
                topology.getDeclarablesByType(DirectExchange.class).get(0);
        assertThat(exchange.getName()).isEqualTo("ingest.retry-x");
        assertThat(exchange.isDurable()).isTrue();
        List<Queue> queues = topology.getDeclarablesByType(Queue.class);
        assertThat(queues).extracting(Queue::getName).containsExactly("ingest.retry.1s", "ingest.retry.2m");
        Queue twoMinutes = queues.get(1);
        assertThat(twoMinutes.isDurable()).isTrue();
        assertThat(twoMinutes.getArguments())
                .containsEntry("x-message-ttl", 120_000)
                .containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", "ingest")
                .containsEntry("x-queue-type", "classic");
        assertThat(topology.getDeclarablesByType(Binding.class))
                .extracting(Binding::getExchange, Binding::getDestination, Binding::getRoutingKey)
                .contains(tuple("ingest.retry-x", "ingest.retry.2m", "ingest.retry.2m"));
    }

    @Test
    void applicationYamlStatesTheSameRetryDefaultsAsTheCode() throws Exception {
        MockEnvironment environment = new MockEnvironment();
        new YamlPropertySourceLoader()
                .load("application.yaml", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addLast);

        IngestProperties bound = Binder.get(environment)
                .bind("lineage.ingest.rabbitmq", IngestProperties.class)
                .get();

        IngestProperties code = new IngestProperties();
        assertThat(bound.getRetryDelays()).isEqualTo(code.getRetryDelays());
        assertThat(bound.getRetryBudget())
                .isEqualTo(code.getRetryBudget())
                .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(bound.getRetryExchange()).isEqualTo(code.getRetryExchange());
        assertThat(bound.getRetryPauseCheckInterval()).isEqualTo(code.getRetryPauseCheckInterval());
    }

    @Test
    void warnsAboutEveryRetiredPropertyStillSetAndNamesItsReplacement(CapturedOutput output) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("lineage.ingest.rabbitmq.unknown-report-redeliveries", "4")
                .withProperty("lineage.ingest.rabbitmq.redelivery-delay", "500ms");

        new IngestRetryConfig(environment);

        assertThat(output.getOut())
                .contains("lineage.ingest.rabbitmq.unknown-report-redeliveries is no longer used")
                .contains("lineage.ingest.rabbitmq.retry-budget")
                .contains("lineage.ingest.rabbitmq.redelivery-delay is no longer used")
                .doesNotContain("max-redelivery-delay is no longer used");
    }
}
