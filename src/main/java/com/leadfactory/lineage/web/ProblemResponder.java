package com.leadfactory.lineage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.problem.Problems;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the exception a REST route failed with into an RFC 9457 response (the problem comes from {@link
 * Problems#of}). Called from the routes' {@code onException}; everything a client can fix gets a 4xx that says
 * what, everything else a 5xx that says retry, with the request id to quote, and a log line for the operator.
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
        Problem problem = Problems.of(failure);
        if (problem.status() == 503 || problem.status() == 504) {
            // to be retried (the database away, capture switched off), or a search cancelled at its timeout (to be
            // narrowed): one line each, not a stack trace per request for as long as an outage lasts
            log.warn(
                    "{} {} answered {} {}: {}",
                    exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_URI),
                    problem.status(),
                    problem.type(),
                    rootCause(failure));
        } else if (problem.status() >= 500) {
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

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown" : root.toString();
    }
}
