package com.leadfactory.lineage.ingest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.leadfactory.lineage.config.IngestProperties;
import com.leadfactory.lineage.problem.FailureText;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The queue consumers' log while the broker is away: one WARN when they lose it, one INFO when they are back. Spring
 * AMQP's listener container logs an ERROR with a whole stack trace at every reconnect attempt (every 5 s) for as
 * long as the outage lasts, and the connection factory an INFO line with each; those attempts go to DEBUG here.
 * Only what a lost connection explains is folded: any other ERROR or WARN of the container (a listener failure, a
 * missing queue, refused credentials) is logged as it comes.
 */
@Component
@ConditionalOnProperty(name = "lineage.ingest.rabbitmq.enabled", havingValue = "true")
public class ConsumerOutageLog extends TurboFilter implements DisposableBean {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ConsumerOutageLog.class);
    private static final String CONNECTION_FACTORY = "org.springframework.amqp.rabbit.connection.";

    private final String queue;
    private final LoggerContext context;

    /** When the consumers lost the broker; null while they have it. */
    private final AtomicReference<Instant> lostAt = new AtomicReference<>();

    /** Whether the WARN of the current outage was written (a channel that reconnects at once gets none). */
    private final AtomicBoolean announced = new AtomicBoolean();

    private final AtomicInteger failedAttempts = new AtomicInteger();

    public ConsumerOutageLog(IngestProperties properties) {
        this.queue = properties.getQueue();
        this.context = LoggerFactory.getILoggerFactory() instanceof LoggerContext logback ? logback : null;
        if (context != null) {
            setName("lineage-consumer-outage-log");
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || format == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        if (name.endsWith("MessageListenerContainer")) {
            return container(level, format, t);
        }
        if (name.startsWith(CONNECTION_FACTORY)
                && level == Level.INFO
                && lostAt.get() != null
                && format.startsWith("Attempting to connect")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private FilterReply container(Level level, String format, Throwable t) {
        if (level == Level.INFO && format.startsWith("SimpleConsumer") && format.endsWith(" started")) {
            back();
            return FilterReply.NEUTRAL;
        }
        if (!level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        if (t == null && format.startsWith("Consumer canceled - channel closed")) {
            lostAt.compareAndSet(null, Instant.now());
            log.debug("Queue ingest: {}", format);
            return FilterReply.DENY;
        }
        if (t != null && isConnectionFailure(t)) {
            lostAt.compareAndSet(null, Instant.now());
            failedAttempts.incrementAndGet();
            if (announced.compareAndSet(false, true)) {
                log.warn(
                        "Queue ingest: the broker does not answer ({}); the consumers of {} reconnect by themselves"
                                + " and messages wait in the queue meanwhile (check spring.rabbitmq.host/port if this"
                                + " lasts)",
                        FailureText.of(t),
                        queue);
            }
            log.debug("Queue ingest: {}", format, t);
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private void back() {
        Instant since = lostAt.getAndSet(null);
        if (since == null) {
            return;
        }
        long seconds = Duration.between(since, Instant.now()).toSeconds();
        int attempts = failedAttempts.getAndSet(0);
        if (announced.getAndSet(false)) {
            log.info(
                    "Queue ingest: the consumers of {} are back on the broker after {} s ({} failed reconnect lines"
                            + " of the listener container went to DEBUG)",
                    queue,
                    seconds,
                    attempts);
        } else {
            log.info("Queue ingest: a consumer of {} lost its channel and reconnected after {} s", queue, seconds);
        }
    }

    /** A failure that a broker away (refused, reset, closed, unresolvable) explains; refused credentials do not. */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AmqpAuthenticationException
                    || cause instanceof com.rabbitmq.client.AuthenticationFailureException) {
                return false;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AmqpConnectException
                    || cause instanceof SocketException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException
                    || cause instanceof EOFException
                    || (cause instanceof ShutdownSignalException shutdown
                            && shutdown.isHardError()
                            && !shutdown.isInitiatedByApplication())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        if (context != null) {
            context.getTurboFilterList().remove(this);
            stop();
        }
    }
}
