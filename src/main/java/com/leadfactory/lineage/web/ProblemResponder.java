package com.leadfactory.lineage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.capture.CaptureDisabledException;
import com.leadfactory.lineage.capture.FieldViolation;
import com.leadfactory.lineage.capture.InvalidCompletionException;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Turns the exception a REST route failed with into an RFC 9457 response. Called from the routes'
 * {@code onException}; everything a client can fix gets a 4xx that says what, everything else a 5xx that
 * says retry, with the request id to quote, and a log line for the operator.
 */
@Component("problemResponder")
public class ProblemResponder {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final ObjectMapper mapper;

    public ProblemResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void respond(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Problem problem = problemFor(failure);
        if (problem.status() >= 500) {
            log.error(
                    "{} {} failed in route {}: {}",
                    exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_URI),
                    exchange.getFromRouteId(),
                    failure == null ? "unknown" : failure.toString(),
                    failure);
        }
        String requestId = exchange.getMessage().getHeader(CallerHeaders.REQUEST_ID, String.class);
        String instance = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 503) {
            exchange.getMessage().setHeader("Retry-After", "5");
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(problem.toBody(instance, requestId)));
    }

    /**
     * The exception that says what went wrong: Camel wraps what a bean or expression threw (e.g. in a
     * RuntimeBeanExpressionException), so look down the cause chain for one of ours or Spring's.
     */
    private static Throwable meaningful(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof InvalidCompletionException
                    || t instanceof BadParameterException
                    || t instanceof NotFoundException
                    || t instanceof PayloadTooLargeException
                    || t instanceof CaptureDisabledException
                    || t instanceof org.springframework.dao.DataAccessException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return caught;
    }

    /** The reason a failure is filed under in metrics and dead-letter headers. */
    public static String reason(Throwable failure) {
        String type = problemFor(failure).type();
        return type.toLowerCase(Locale.ROOT);
    }

    static Problem problemFor(Throwable caught) {
        Throwable failure = meaningful(caught);
        if (failure instanceof InvalidCompletionException invalid) {
            return new Problem(
                    400,
                    "invalid-completion",
                    "Invalid completion message",
                    invalid.violations().size() + " field(s) are invalid; nothing was stored.",
                    invalid.violations());
        }
        if (failure instanceof BadParameterException bad) {
            return new Problem(
                    400,
                    "invalid-parameter",
                    "Invalid parameter",
                    bad.getMessage(),
                    List.of(new FieldViolation(bad.parameter(), bad.reason())));
        }
        if (failure instanceof NotFoundException notFound) {
            return Problem.of(404, "not-found", "Not found", notFound.getMessage());
        }
        if (failure instanceof PayloadTooLargeException tooLarge) {
            return Problem.of(413, "payload-too-large", "Payload too large", tooLarge.getMessage());
        }
        if (failure instanceof CaptureDisabledException disabled) {
            return Problem.of(503, "capture-disabled", "Capture disabled", disabled.getMessage());
        }
        if (failure instanceof DataIntegrityViolationException integrity
                && !(failure instanceof DuplicateKeyException)
                && String.valueOf(integrity.getMessage())
                        .toLowerCase(Locale.ROOT)
                        .contains("fk_lineage_report_generation")) {
            return Problem.of(
                    422,
                    "unknown-report-generation",
                    "Unknown report generation",
                    "report_generation_id does not name a row of d6_report_generations; nothing was stored."
                            + " Post the completion after the report generation is committed.");
        }
        if (failure instanceof CannotGetJdbcConnectionException || failure instanceof TransientDataAccessException) {
            return Problem.of(
                    503,
                    "database-unavailable",
                    "Database unavailable",
                    "The lineage database cannot be reached right now; nothing was stored. Retry later.");
        }
        return Problem.of(
                500,
                "internal-error",
                "Internal error",
                "The request failed on the server and nothing was stored; retry, and quote the request id if it persists.");
    }
}
