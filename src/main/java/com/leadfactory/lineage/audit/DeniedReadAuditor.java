package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.security.CallerResolver;
import com.leadfactory.lineage.security.EndpointMatchers;
import com.leadfactory.lineage.security.ProblemAuthenticationHandlers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A call refused for the caller's roles (403) never reaches a route, so it is audited here, through the same
 * {@code direct:write-audit-row} route and SQL as every other read: with the audit action of the catalog's
 * endpoint that matches the request, and its {@code lineage_id} path variable when it has one. Endpoints that
 * read no record (no audit action) are not audited.
 */
@Component
public class DeniedReadAuditor implements ProblemAuthenticationHandlers.DeniedAccessListener {

    private static final Logger log = LoggerFactory.getLogger(DeniedReadAuditor.class);
    static final String LINEAGE_ID = "lineage_id";

    private final ProducerTemplate producer;
    private final CallerResolver callers;
    private final EndpointMatchers endpoints;

    public DeniedReadAuditor(ProducerTemplate producer, CallerResolver callers, EndpointMatchers endpoints) {
        this.producer = producer;
        this.callers = callers;
        this.endpoints = endpoints;
    }

    @Override
    public void accessDenied(HttpServletRequest request) {
        EndpointMatchers.Match match = endpoints.match(request).orElse(null);
        if (match == null || match.endpoint().auditAction() == null) {
            return;
        }
        Endpoint endpoint = match.endpoint();
        Map<String, Object> properties = new HashMap<>();
        properties.put("auditAction", endpoint.auditAction());
        properties.put("auditOutcome", "denied");
        Map<String, Object> details = new HashMap<>();
        details.put("path", request.getRequestURI());
        if (request.getQueryString() != null) {
            details.put("query", request.getQueryString());
        }
        properties.put("auditDetails", details);
        if (match.variables().containsKey(LINEAGE_ID)) {
            properties.put("auditLineageId", uuidOrNull(match.variables().get(LINEAGE_ID)));
        }
        Exchange written = producer.send("direct:write-audit-row", exchange -> {
            exchange.getMessage().setHeaders(new HashMap<>(callers.callerOf(request)));
            properties.forEach(exchange::setProperty);
        });
        if (written.getException() != null) {
            log.error(
                    "Could not audit a refused {} by {}: the audit trail lacks this attempt",
                    endpoint,
                    request.getRemoteUser(),
                    written.getException());
        }
    }

    private static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
