package com.leadfactory.lineage.ingest;

import com.leadfactory.lineage.capture.CompletionMessage;
import com.leadfactory.lineage.capture.UnknownReportGenerationException;
import com.leadfactory.lineage.config.IngestProperties;
import com.leadfactory.lineage.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides what becomes of a queued completion whose capture failed (other than by being invalid), without ever
 * holding the consumer thread while it waits (docs/DESIGN-NOTES.md, "Queue retries"):
 *
 * <ul>
 *   <li>the database does not answer: {@link #PUT_BACK} on the queue as it came, and the consumers pause;
 *   <li>otherwise, while its budget lasts: {@link #RETRY}, i.e. republished to the delay queue of its next wait with
 *       its attempt count, first-seen time and reason in {@code x-lineage-retry-*} headers;
 *   <li>past its budget: {@link #DEAD_LETTER}.
 * </ul>
 *
 * The route reads the decision from the exchange property {@value #NEXT}, and the delay queue from {@value
 * #DELAY_QUEUE}.
 */
@Component("captureRetry")
public class CaptureRetry {

    /** Capture attempts made so far (on a message waiting in, or coming back from, a delay queue). */
    public static final String ATTEMPTS = "x-lineage-retry-attempts";
    /** When the first attempt failed, ISO-8601. */
    public static final String FIRST_SEEN = "x-lineage-retry-first-seen-at";
    /** Why it waits: the failure reason of its last attempt. */
    public static final String REASON = "x-lineage-retry-reason";

    public static final String NEXT = "lineageIngestNext";
    public static final String DELAY_QUEUE = "lineageDelayQueue";
    public static final String RETRY = "retry";
    public static final String PUT_BACK = "put-back";
    public static final String DEAD_LETTER = "dead-letter";

    static final String UNKNOWN_REPORT = UnknownReportGenerationException.TYPE;
    private static final Logger log = LoggerFactory.getLogger(CaptureRetry.class);

    private final RetrySchedule schedule;
    private final DatabaseProbe database;
    private final IngestPause pause;
    private final MeterRegistry registry;
    private final Clock clock;

    /**
     * What a wait can be for: any failure but a refused completion (dead-lettered at once, routes/queue-ingest.yaml).
     * Counted from 0 at start-up with queue ingest on, as README says of every counter, so an alert on the increase
     * of {@code lineage_ingest_retried_total} sees the first wait of each.
     */
    static final List<String> RETRY_REASONS =
            List.of(UNKNOWN_REPORT, Problems.DATABASE_UNAVAILABLE.type(), Problems.INTERNAL_ERROR.type());

    @Autowired
    public CaptureRetry(
            IngestProperties properties, DatabaseProbe database, IngestPause pause, MeterRegistry registry) {
        this(RetrySchedule.of(properties), database, pause, registry, Clock.systemUTC());
        if (properties.isEnabled()) {
            RETRY_REASONS.forEach(reason -> registry.counter("lineage.ingest.retried", "reason", reason));
        }
    }

    CaptureRetry(
            RetrySchedule schedule, DatabaseProbe database, IngestPause pause, MeterRegistry registry, Clock clock) {
        this.schedule = schedule;
        this.database = database;
        this.pause = pause;
        this.registry = registry;
        this.clock = clock;
    }

    public void decide(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = Problems.reason(failure);
        Message message = exchange.getMessage();
        keepOrigin(message);
        // a missing report row is an answer from the database; any other failure may be the database being away
        if (!UNKNOWN_REPORT.equals(reason) && !database.answers()) {
            pause.pause(failure);
            exchange.setProperty(NEXT, PUT_BACK);
            return;
        }
        int attempts = attemptsSoFar(message) + 1;
        Instant now = clock.instant();
        // a time in the future (a clock ahead on another instance, a header the publisher set) would put the end of
        // the budget off for as long: the message would wait in the delay queues for ever
        Instant firstSeen =
                firstSeen(message).filter(seen -> !seen.isAfter(now)).orElse(now);
        Optional<Duration> delay = schedule.nextDelay(attempts, firstSeen, now);
        if (delay.isEmpty()) {
            exchange.setProperty(NEXT, DEAD_LETTER);
            return;
        }
        String queue = schedule.delayQueue(delay.get());
        message.setHeader(ATTEMPTS, attempts);
        message.setHeader(FIRST_SEEN, firstSeen.toString());
        message.setHeader(REASON, reason);
        exchange.setProperty(DELAY_QUEUE, queue);
        exchange.setProperty(NEXT, RETRY);
        registry.counter("lineage.ingest.retried", "reason", reason).increment();
        CompletionMessage completion = exchange.getProperty("completion", CompletionMessage.class);
        log.info(
                "Completion report_generation_id={} waits {} in queue {} before attempt {} ({}; first seen {}; it is"
                        + " dead-lettered at a failure {} or more after that, once it has waited in every delay queue)",
                completion == null ? "unknown" : completion.getReportGenerationId(),
                RetrySchedule.compact(delay.get()),
                queue,
                attempts + 1,
                reason,
                firstSeen,
                RetrySchedule.compact(schedule.budget()));
    }

    /** Before a message is republished: where it first came from, unless an earlier republish recorded it. */
    public void rememberOrigin(Exchange exchange) {
        keepOrigin(exchange.getMessage());
    }

    /**
     * A message back from a delay queue, or put back on the queue, arrives through the default exchange; the
     * exchange and routing key it was first published with are kept in {@code x-lineage-original-*} headers, which
     * a dead letter keeps too (to replay it the way it came).
     */
    static void keepOrigin(Message message) {
        if (message.getHeader(DeadLetterAnnotator.ORIGINAL_EXCHANGE) == null) {
            message.setHeader(
                    DeadLetterAnnotator.ORIGINAL_EXCHANGE, message.getHeader("CamelSpringRabbitmqExchangeName"));
            message.setHeader(
                    DeadLetterAnnotator.ORIGINAL_ROUTING_KEY, message.getHeader("CamelSpringRabbitmqRoutingKey"));
        }
    }

    /** Capture attempts recorded on the message by earlier retries; 0 for a message never retried. */
    public static int attemptsSoFar(Message message) {
        Object value = message.getHeader(ATTEMPTS);
        if (value instanceof Number number) {
            return Math.max(0, number.intValue());
        }
        if (value != null) {
            try {
                return Math.max(0, Integer.parseInt(value.toString().trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** When the message's first attempt failed, as recorded by an earlier retry. */
    public static Optional<Instant> firstSeen(Message message) {
        Object value = message.getHeader(FIRST_SEEN);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.toString().trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
