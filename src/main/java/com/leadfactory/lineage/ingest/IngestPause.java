package com.leadfactory.lineage.ingest;

import com.leadfactory.lineage.config.IngestProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Pauses the queue consumers while the database does not answer, so that an outage neither spends the retry budget
 * of every queued completion nor dead-letters anything: the consumer of route {@value #ROUTE_ID} stops taking
 * deliveries (its listener container stops; prefetched and in-flight messages go back to the queue, see
 * {@code routes/queue-ingest.yaml}), and the route {@code queue-ingest-resume} asks the database every
 * {@code lineage.ingest.rabbitmq.retry-pause-check-interval} and resumes the consumer when it answers. One WARN line
 * when pausing, one INFO line when resuming; {@code lineage_ingest_paused} is 1 meanwhile.
 */
@Component("ingestPause")
public class IngestPause implements DisposableBean {

    static final String ROUTE_ID = "queue-ingest";
    private static final Logger log = LoggerFactory.getLogger(IngestPause.class);
    private static final long CONTROL_TIMEOUT_SECONDS = 60;

    private final CamelContext camel;
    private final DatabaseProbe database;
    private final IngestProperties properties;
    private final Clock clock;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Counter pauses;
    // suspending waits for the consumers' current messages, so it never runs on a consumer thread; one thread keeps
    // a suspend and the resume after it in order
    private final ExecutorService control = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lineage-ingest-pause");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant pausedAt;

    @Autowired
    public IngestPause(
            CamelContext camel, DatabaseProbe database, IngestProperties properties, MeterRegistry registry) {
        this(camel, database, properties, registry, Clock.systemUTC());
    }

    IngestPause(
            CamelContext camel,
            DatabaseProbe database,
            IngestProperties properties,
            MeterRegistry registry,
            Clock clock) {
        this.camel = camel;
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        this.pauses = Counter.builder("lineage.ingest.pauses")
                .description("Times the queue consumers paused because the database did not answer")
                .register(registry);
        Gauge.builder("lineage.ingest.paused", paused, p -> p.get() ? 1 : 0)
                .description("1 while the queue consumers are paused because the database does not answer")
                .register(registry);
    }

    public boolean isPaused() {
        return paused.get();
    }

    /** Stops the consumers (once, however many captures report the outage); returns at once. */
    public void pause(Throwable cause) {
        if (!paused.compareAndSet(false, true)) {
            return;
        }
        pausedAt = clock.instant();
        pauses.increment();
        log.warn(
                "Queue ingest paused: the database does not answer ({}). The consumers of queue '{}' stop taking"
                        + " deliveries; messages in flight go back to the queue with their retry budget untouched,"
                        + " nothing is dead-lettered. The database is asked again every {}, and consumption resumes"
                        + " by itself when it answers. Look at the database server, the network to it and"
                        + " spring.datasource.url; the queue depth of '{}' grows meanwhile.",
                cause == null ? "no cause given" : cause.toString(),
                properties.getQueue(),
                RetrySchedule.compact(properties.getRetryPauseCheckInterval()),
                properties.getQueue());
        control.execute(this::suspendConsumer);
    }

    /** Called periodically by route {@code queue-ingest-resume}: resumes the consumers once the database answers. */
    public void resumeIfDatabaseAnswers() throws InterruptedException {
        if (!paused.get()) {
            return;
        }
        if (!database.answers()) {
            log.debug("Queue ingest stays paused: the database still does not answer");
            return;
        }
        try {
            control.submit(this::resume).get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            paused.set(true);
            log.warn("Queue ingest stays paused: its consumers could not be resumed ({}); trying again", e.toString());
        }
    }

    private void resume() {
        // cleared first, so the first deliveries after the restart are captured rather than sent back
        paused.set(false);
        Consumer consumer = consumer();
        if (consumer != null) {
            ServiceHelper.resumeService(consumer);
        }
        Duration pausedFor = pausedAt == null ? Duration.ZERO : Duration.between(pausedAt, clock.instant());
        log.info(
                "Queue ingest resumed: the database answers again after {} s paused; consuming from queue '{}'.",
                pausedFor.toSeconds(),
                properties.getQueue());
    }

    private void suspendConsumer() {
        Consumer consumer = consumer();
        if (consumer == null) {
            return;
        }
        try {
            ServiceHelper.suspendService(consumer);
        } catch (RuntimeException e) {
            log.warn("Could not pause the consumers of queue '{}': {}", properties.getQueue(), e.toString());
        }
    }

    private Consumer consumer() {
        Route route = camel.getRoute(ROUTE_ID);
        return route == null ? null : route.getConsumer();
    }

    @Override
    public void destroy() {
        control.shutdownNow();
    }
}
