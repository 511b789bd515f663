package com.leadfactory.lineage.ingest;

import com.leadfactory.lineage.capture.CompletionMessage;
import com.leadfactory.lineage.capture.ConflictingCompletionException;
import com.leadfactory.lineage.capture.InvalidCompletionException;
import com.leadfactory.lineage.capture.ReportGenerationMismatchException;
import com.leadfactory.lineage.capture.UnknownReportGenerationException;
import com.leadfactory.lineage.config.IngestProperties;
import com.leadfactory.lineage.problem.FailureText;
import com.leadfactory.lineage.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes why a queued completion could not be captured into the headers it is dead-lettered with, counts it and
 * logs a line an operator can act on. Called from the error handling of {@code routes/queue-ingest.yaml}.
 */
@Component("deadLetterAnnotator")
public class DeadLetterAnnotator {

    public static final String REASON = "x-lineage-failure-reason";
    public static final String MESSAGE = "x-lineage-failure-message";
    public static final String EXCEPTION = "x-lineage-failure-exception";
    public static final String FAILED_AT = "x-lineage-failed-at";
    public static final String ATTEMPTS = "x-lineage-delivery-attempts";
    public static final String FIRST_SEEN = "x-lineage-first-seen-at";
    public static final String ORIGINAL_EXCHANGE = "x-lineage-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-lineage-original-routing-key";
    public static final String ORIGINAL_QUEUE = "x-lineage-original-queue";
    public static final String REPORT_GENERATION_ID = "x-lineage-report-generation-id";

    static final int MAX_MESSAGE_CHARS = 1000;

    /**
     * The values of {@link #REASON} (README, "Queue ingest"): the problem type of every failure a queued completion
     * can end with ({@link Problems#reason}), taken from where each type is defined. DeadLetterReasonsTest fails when
     * a capture problem is missing here.
     */
    static final List<String> REASONS = List.of(
            InvalidCompletionException.TYPE,
            ConflictingCompletionException.TYPE,
            ReportGenerationMismatchException.TYPE,
            UnknownReportGenerationException.TYPE,
            Problems.DATABASE_UNAVAILABLE.type(),
            Problems.INTERNAL_ERROR.type());

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAnnotator.class);

    private final IngestProperties properties;
    private final MeterRegistry registry;
    private final Clock clock;

    @Autowired
    public DeadLetterAnnotator(IngestProperties properties, MeterRegistry registry) {
        this(properties, registry, Clock.systemUTC());
    }

    DeadLetterAnnotator(IngestProperties properties, MeterRegistry registry, Clock clock) {
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
        if (properties.isEnabled()) {
            // every reason README names exists from the start at 0, so an alert on its increase sees the first one
            REASONS.forEach(reason -> registry.counter("lineage.dead_lettered", "reason", reason));
        }
    }

    public void annotate(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        String reason = Problems.reason(failure);
        // this attempt and those made before it waited in the delay queues (see CaptureRetry)
        int attempts = CaptureRetry.attemptsSoFar(message) + 1;
        Instant now = Instant.now(clock);
        String firstSeen = CaptureRetry.firstSeen(message).orElse(now).toString();
        // the message can quote the body (a repeated key is named by its path): one line, whatever the key holds
        String text = failure == null
                ? "unknown failure"
                : truncate(FailureText.oneLine(String.valueOf(failure.getMessage())));
        CompletionMessage completion = exchange.getProperty("completion", CompletionMessage.class);
        String reportId = completion == null ? null : String.valueOf(completion.getReportGenerationId());

        message.setHeader(REASON, reason);
        message.setHeader(MESSAGE, text);
        message.setHeader(EXCEPTION, failure == null ? null : failure.getClass().getName());
        message.setHeader(FAILED_AT, now.toString());
        message.setHeader(ATTEMPTS, attempts);
        message.setHeader(FIRST_SEEN, firstSeen);
        // a dead letter moved back to the queue starts a fresh retry budget
        message.removeHeaders("x-lineage-retry-*");
        CaptureRetry.keepOrigin(message);
        message.setHeader(ORIGINAL_QUEUE, properties.getQueue());
        if (reportId != null) {
            message.setHeader(REPORT_GENERATION_ID, reportId);
        }
        registry.counter("lineage.dead_lettered", "reason", reason).increment();
        log.warn(
                "Completion from queue {} dead-lettered to {} after {} attempt(s) since {}: reason={},"
                        + " report_generation_id={}, {}. Nothing was stored; fix the cause, then move the message back"
                        + " to exchange '{}' with routing key '{}'.",
                properties.getQueue(),
                properties.getDeadLetterQueue(),
                attempts,
                firstSeen,
                reason,
                reportId == null ? "unknown" : reportId,
                text,
                properties.getExchange(),
                properties.getRoutingKey());
    }

    static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
    }
}
