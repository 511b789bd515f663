package com.leadfactory.lineage.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lineage.ingest.rabbitmq.*}: the queue door to capture (docs/ARCHITECTURE.md, 'Configuration'). The names and topology are read by
 * {@code routes/queue-ingest.yaml} through property placeholders; this class documents and validates them and
 * gives the Java side (dead-letter headers, stats) the same values.
 */
@ConfigurationProperties("lineage.ingest.rabbitmq")
public class IngestProperties {

    /** Consume completions from RabbitMQ. Off in the zero-setup run. */
    private boolean enabled = false;

    /** The durable quorum queue the service consumes. */
    private String queue = "lineage.report-completed";

    /** Where messages that cannot be captured end, with the reason in x-lineage-failure-* headers. */
    private String deadLetterQueue = "lineage.report-completed.dlq";

    /** The (direct) exchange upstream publishes to; the queue is bound to it with {@link #routingKey}. */
    private String exchange = "lineage";

    private String routingKey = "report.completed";

    /** The (direct) exchange the dead-letter queue is bound to, with the dead-letter queue's name as key. */
    private String deadLetterExchange = "lineage.dlx";

    /** Consumers (channels) per instance; each holds one database connection while it captures. */
    private int concurrentConsumers = 2;

    /** Unacknowledged messages the broker hands each consumer ahead of time. */
    private int prefetch = 10;

    /** Redeliveries of a transient failure (database down, timeouts) before the message is dead-lettered. */
    private int maxRedeliveries = 10;

    /** First redelivery delay; doubles each time up to {@link #maxRedeliveryDelay}. */
    private Duration redeliveryDelay = Duration.ofMillis(500);

    private Duration maxRedeliveryDelay = Duration.ofSeconds(30);

    /**
     * Redeliveries of a message whose report_generation_id is not (yet) in d6_report_generations: the completion
     * may overtake the commit of the report row, so it is retried briefly before it is dead-lettered.
     */
    private int unknownReportRedeliveries = 4;

    private Duration unknownReportDelay = Duration.ofSeconds(1);

    /** Broker-side cap on deliveries of one message (quorum x-delivery-limit), e.g. one that crashes the JVM. */
    private int deliveryLimit = 20;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public String getDeadLetterQueue() {
        return deadLetterQueue;
    }

    public void setDeadLetterQueue(String deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    public String getExchange() {
        return exchange;
    }

    public void setExchange(String exchange) {
        this.exchange = exchange;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }

    public String getDeadLetterExchange() {
        return deadLetterExchange;
    }

    public void setDeadLetterExchange(String deadLetterExchange) {
        this.deadLetterExchange = deadLetterExchange;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    public int getMaxRedeliveries() {
        return maxRedeliveries;
    }

    public void setMaxRedeliveries(int maxRedeliveries) {
        this.maxRedeliveries = maxRedeliveries;
    }

    public Duration getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(Duration redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public Duration getMaxRedeliveryDelay() {
        return maxRedeliveryDelay;
    }

    public void setMaxRedeliveryDelay(Duration maxRedeliveryDelay) {
        this.maxRedeliveryDelay = maxRedeliveryDelay;
    }

    public int getUnknownReportRedeliveries() {
        return unknownReportRedeliveries;
    }

    public void setUnknownReportRedeliveries(int unknownReportRedeliveries) {
        this.unknownReportRedeliveries = unknownReportRedeliveries;
    }

    public Duration getUnknownReportDelay() {
        return unknownReportDelay;
    }

    public void setUnknownReportDelay(Duration unknownReportDelay) {
        this.unknownReportDelay = unknownReportDelay;
    }

    public int getDeliveryLimit() {
        return deliveryLimit;
    }

    public void setDeliveryLimit(int deliveryLimit) {
        this.deliveryLimit = deliveryLimit;
    }
}
