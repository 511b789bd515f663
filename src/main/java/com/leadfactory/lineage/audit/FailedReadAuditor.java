package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.api.EndpointCatalog;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.problem.Problems;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read that failed on the server after it was authorised (a 5xx) rolled its audit row back with everything
 * else. This records the attempt anyway, with outcome {@code error}, in a transaction of its own: who tried to
 * read what, and that it failed. Called from the REST routes' error handling (routes/http-problems.yaml) before
 * the problem response is written; if even this row cannot be written (the database is down), that is logged.
 */
@Component("failedReadAuditor")
public class FailedReadAuditor {

    private static final Logger log = LoggerFactory.getLogger(FailedReadAuditor.class);

    /** Set (true) by a route whose committed audit rows already record the failure it is about to throw. */
    public static final String ALREADY_AUDITED = "auditRecorded";

    private final ProducerTemplate producer;
    private final TransactionTemplate ownTransaction;
    private final Map<String, Endpoint> endpointsByRouteId = new HashMap<>();

    public FailedReadAuditor(
            ProducerTemplate producer, EndpointCatalog catalog, PlatformTransactionManager transactions) {
        this.producer = producer;
        // the error handling may run inside the read's transaction, which rolls back: this row must not
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // the REST route is named after the endpoint; its direct: route after the route it calls
        for (Endpoint endpoint : catalog.endpoints()) {
            endpointsByRouteId.put(endpoint.id(), endpoint);
            if (endpoint.route() != null) {
                endpointsByRouteId.put(endpoint.route().substring("direct:".length()), endpoint);
            }
        }
    }

    /** @param routeId the route whose error handling calls this: an endpoint's REST route or its direct: route */
    public void record(Exchange exchange, String routeId) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Problem problem = Problems.of(failure);
        Endpoint endpoint = endpointsByRouteId.get(routeId);
        if (problem.status() < 500 || endpoint == null || !endpoint.auditsServedCalls()) {
            return;
        }
        if (Boolean.TRUE.equals(exchange.getProperty(ALREADY_AUDITED))) {
            // the route's own audit rows, committed, already say how this read failed (routes/compare-api.yaml)
            return;
        }
        Map<String, Object> headers = new HashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (name.regionMatches(true, 0, CallerHeaders.PREFIX, 0, CallerHeaders.PREFIX.length())) {
                headers.put(name, value);
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("problem", problem.type());
        details.put("status", problem.status());
        Object reportId = exchange.getProperty("report_generation_id");
        if (reportId != null) {
            details.put("report_generation_id", reportId.toString());
        }
        Exchange written;
        try {
            written = ownTransaction.execute(status -> {
                Exchange sent = producer.send("direct:write-audit-row", audit -> {
                    audit.getMessage().setHeaders(headers);
                    audit.setProperty("auditAction", endpoint.auditAction());
                    audit.setProperty("auditOutcome", "error");
                    audit.setProperty("auditDetails", details);
                    lineageId(exchange).ifPresent(id -> audit.setProperty("auditLineageId", id));
                });
                if (sent.getException() != null) {
                    status.setRollbackOnly();
                }
                return sent;
            });
        } catch (RuntimeException noTransaction) {
            log.error(
                    "Could not audit the failed {} (request {}): the audit trail lacks this attempt. Cause: {}",
                    endpoint,
                    exchange.getMessage().getHeader(CallerHeaders.REQUEST_ID),
                    noTransaction.toString());
            return;
        }
        if (written.getException() != null) {
            log.error(
                    "Could not audit the failed {} (request {}): the audit trail lacks this attempt. Cause: {}",
                    endpoint,
                    exchange.getMessage().getHeader(CallerHeaders.REQUEST_ID),
                    written.getException().toString());
        }
    }

    private static Optional<UUID> lineageId(Exchange exchange) {
        Object value = exchange.getProperty("lineage_id");
        if (value == null) {
            value = exchange.getMessage().getHeader("lineage_id");
        }
        if (value instanceof UUID uuid) {
            return Optional.of(uuid);
        }
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value.toString()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
