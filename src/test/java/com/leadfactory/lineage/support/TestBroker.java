package com.leadfactory.lineage.support;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The RabbitMQ that .ci/run starts, seen by a test: a topology with names unique to this test run (so nothing
 * depends on leftover broker state), publishing with publisher confirms, reading the dead-letter queue, cleanup.
 */
public final class TestBroker implements AutoCloseable {

    public static final String HOST = System.getProperty("lineage.test.rabbit-host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("lineage.test.rabbit-port", 5672);

    private final String run = Long.toString(System.currentTimeMillis(), 36) + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    private final String prefix;
    private final Connection connection;
    private final Channel publisher;
    private List<String> retryDelays = List.of("1s", "5s", "30s", "2m", "5m");

    public TestBroker(String name) {
        this.prefix = "lineage-test." + name + "." + run;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try {
            this.connection = factory.newConnection("lineage-test-" + name);
            this.publisher = connection.createChannel();
            publisher.confirmSelect();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(
                    "RabbitMQ at " + HOST + ":" + PORT + " is needed for this test (bash .ci/run starts it)", e);
        }
    }

    public String exchange() {
        return prefix + ".exchange";
    }

    public String routingKey() {
        return "report.completed";
    }

    public String queue() {
        return prefix + ".queue";
    }

    public String deadLetterExchange() {
        return prefix + ".dlx";
    }

    public String deadLetterQueue() {
        return prefix + ".dlq";
    }

    public String retryExchange() {
        return prefix + ".retry";
    }

    /**
     * The service's {@code retry-delays} for this run, written the way the service names its delay queues (the
     * largest whole unit: 60s is "1m"), so that {@link #close()} can delete those queues.
     */
    public TestBroker withRetryDelays(String... delays) {
        this.retryDelays = List.of(delays);
        return this;
    }

    public List<String> delayQueues() {
        return retryDelays.stream().map(delay -> queue() + ".retry." + delay).toList();
    }

    /** The service properties that point the queue ingest at this topology. */
    public Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.rabbitmq.host", HOST);
        properties.put("spring.rabbitmq.port", String.valueOf(PORT));
        properties.put("lineage.ingest.rabbitmq.enabled", "true");
        properties.put("lineage.ingest.rabbitmq.exchange", exchange());
        properties.put("lineage.ingest.rabbitmq.routing-key", routingKey());
        properties.put("lineage.ingest.rabbitmq.queue", queue());
        properties.put("lineage.ingest.rabbitmq.dead-letter-exchange", deadLetterExchange());
        properties.put("lineage.ingest.rabbitmq.dead-letter-queue", deadLetterQueue());
        properties.put("lineage.ingest.rabbitmq.retry-exchange", retryExchange());
        properties.put("lineage.ingest.rabbitmq.retry-delays", String.join(",", retryDelays));
        return properties;
    }

    /** Publishes persistent messages and waits for the broker's confirms; returns when all are confirmed. */
    public void publishConfirmed(List<byte[]> bodies) {
        try {
            for (byte[] body : bodies) {
                publisher.basicPublish(
                        exchange(),
                        routingKey(),
                        true,
                        new AMQP.BasicProperties.Builder()
                                .contentType("application/json")
                                .deliveryMode(2)
                                .build(),
                        body);
            }
            publisher.waitForConfirmsOrDie(30_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("publishing failed", e);
        }
    }

    public void publishConfirmed(String body) {
        publishConfirmed(List.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Consumers on the ingest queue, or -1 when the service has not declared it yet. */
    public int consumers() {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue()).getConsumerCount();
        } catch (IOException | TimeoutException | RuntimeException e) {
            return -1;
        }
    }

    public long waiting(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException | RuntimeException e) {
            return -1;
        }
    }

    /** Takes (and acks) every message currently in the dead-letter queue. */
    public List<GetResponse> drainDeadLetters() {
        List<GetResponse> messages = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(deadLetterQueue(), true)) != null) {
                messages.add(response);
            }
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }

    /** Deletes everything this run declared. */
    @Override
    public void close() {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(queue());
            channel.queueDelete(deadLetterQueue());
            for (String delayQueue : delayQueues()) {
                channel.queueDelete(delayQueue);
            }
            channel.exchangeDelete(exchange());
            channel.exchangeDelete(deadLetterExchange());
            channel.exchangeDelete(retryExchange());
        } catch (IOException | TimeoutException | RuntimeException e) {
            // best effort: names are unique per run, a leftover never affects another run
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }
}
