package com.leadfactory.lineage.ingest;

import com.leadfactory.lineage.config.IngestProperties;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The redelivery policies of {@code routes/queue-ingest.yaml} (referenced by name), built from the typed
 * properties: a route's {@code redeliveryDelay} placeholder takes only plain milliseconds, and a bad value would
 * surface only at the first failure, so durations such as {@code 500ms} or {@code 30s} are parsed here instead.
 */
@Configuration
public class IngestRedeliveryConfig {

    /** Database down, timeouts, anything not known to be permanent: exponential backoff, then dead letter. */
    @Bean
    RedeliveryPolicy ingestTransientRedelivery(IngestProperties properties) {
        RedeliveryPolicy policy = quiet(new RedeliveryPolicy());
        policy.setMaximumRedeliveries(properties.getMaxRedeliveries());
        policy.setRedeliveryDelay(properties.getRedeliveryDelay().toMillis());
        policy.setMaximumRedeliveryDelay(properties.getMaxRedeliveryDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        return policy;
    }

    /** A completion that names a report row not committed (yet): a short wait, then dead letter. */
    @Bean
    RedeliveryPolicy ingestUnknownReportRedelivery(IngestProperties properties) {
        RedeliveryPolicy policy = quiet(new RedeliveryPolicy());
        policy.setMaximumRedeliveries(properties.getUnknownReportRedeliveries());
        policy.setRedeliveryDelay(properties.getUnknownReportDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.INFO);
        return policy;
    }

    /** Exhausted and handled failures are logged once, by DeadLetterAnnotator, with the reason. */
    private static RedeliveryPolicy quiet(RedeliveryPolicy policy) {
        policy.setLogRetryStackTrace(false);
        policy.setLogExhausted(false);
        policy.setLogHandled(false);
        policy.setLogStackTrace(false);
        return policy;
    }
}
