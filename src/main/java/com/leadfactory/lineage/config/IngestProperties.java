package com.leadfactory.lineage.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * {@code lineage.ingest.rabbitmq.*}: the queue door to capture (docs/ARCHITECTURE.md, 'Configuration'). The names and topology are read by
 * {@code routes/queue-ingest.yaml} through property placeholders; this class documents and validates them and
 * gives the Java side (dead-letter headers, stats) the same values.
 */
@ConfigurationProperties("lineage.ingest.rabbitmq")
public class IngestProperties implements Validator {

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

    /** The (direct) exchange the delay queues are bound to, each with its own name as the routing key. */
    private String retryExchange = "lineage.retry";

    /**
     * How long a completion that must wait (its report generation is not committed yet, or its capture failed while
     * the database answered) spends in a delay queue before it is tried again: the n-th wait uses the n-th delay and
     * the last one repeats. Each distinct delay is one durable delay queue named {@code QUEUE.retry.DELAY}.
     */
    private List<Duration> retryDelays = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5));

    /**
     * A waiting completion is dead-lettered at its first failed attempt that comes at least this long after it was
     * first seen and after it has waited once in every delay queue.
     */
    private Duration retryBudget = Duration.ofMinutes(10);

    /** While the consumers are paused because the database does not answer, how often it is asked again. */
    private Duration retryPauseCheckInterval = Duration.ofSeconds(5);

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

    public String getRetryExchange() {
        return retryExchange;
    }

    public void setRetryExchange(String retryExchange) {
        this.retryExchange = retryExchange;
    }

    public List<Duration> getRetryDelays() {
        return retryDelays;
    }

    public void setRetryDelays(List<Duration> retryDelays) {
        this.retryDelays = retryDelays;
    }

    public Duration getRetryBudget() {
        return retryBudget;
    }

    public void setRetryBudget(Duration retryBudget) {
        this.retryBudget = retryBudget;
    }

    public Duration getRetryPauseCheckInterval() {
        return retryPauseCheckInterval;
    }

    public void setRetryPauseCheckInterval(Duration retryPauseCheckInterval) {
        this.retryPauseCheckInterval = retryPauseCheckInterval;
    }

    public int getDeliveryLimit() {
        return deliveryLimit;
    }

    public void setDeliveryLimit(int deliveryLimit) {
        this.deliveryLimit = deliveryLimit;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == IngestProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        IngestProperties ingest = (IngestProperties) target;
        SettingChecks.notBlank(errors, "queue", ingest.queue);
        SettingChecks.notBlank(errors, "deadLetterQueue", ingest.deadLetterQueue);
        SettingChecks.notBlank(errors, "exchange", ingest.exchange);
        SettingChecks.notBlank(errors, "deadLetterExchange", ingest.deadLetterExchange);
        SettingChecks.notBlank(errors, "retryExchange", ingest.retryExchange);
        SettingChecks.atLeast(errors, "concurrentConsumers", ingest.concurrentConsumers, 1);
        // 0 is "unlimited" to RabbitMQ: one consumer would take the whole queue
        SettingChecks.between(errors, "prefetch", ingest.prefetch, 1, 65_535);
        SettingChecks.atLeast(errors, "deliveryLimit", ingest.deliveryLimit, 1);
        if (ingest.retryDelays == null || ingest.retryDelays.isEmpty()) {
            errors.rejectValue("retryDelays", "lineage.empty", "needs at least one delay, e.g. 1s, 5s, 30s, 2m, 5m");
        } else if (ingest.retryDelays.stream()
                .anyMatch(d -> d == null || d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE)) {
            // a delay queue's x-message-ttl is an int of milliseconds
            errors.rejectValue("retryDelays", "lineage.out-of-range", "each delay must be between 1ms and 24d");
        }
        SettingChecks.notNegative(errors, "retryBudget", ingest.retryBudget);
        SettingChecks.positive(errors, "retryPauseCheckInterval", ingest.retryPauseCheckInterval);
    }
}
