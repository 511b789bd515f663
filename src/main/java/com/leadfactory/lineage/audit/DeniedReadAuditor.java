package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.security.CallerResolver;
import com.leadfactory.lineage.security.ProblemAuthenticationHandlers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A read refused for the caller's roles (403) never reaches a route, so it is audited here, through the same
 * {@code direct:write-audit-row} route and SQL as every other read. Writes (completions) are not reads.
 */
@Component
public class DeniedReadAuditor implements ProblemAuthenticationHandlers.DeniedAccessListener {

    private static final Logger log = LoggerFactory.getLogger(DeniedReadAuditor.class);
    private static final Pattern READ = Pattern.compile("/api/lineage/([^/]+)(?:/(logs|download|bundle|audit))?/?");

    private final ProducerTemplate producer;
    private final CallerResolver callers;

    public DeniedReadAuditor(ProducerTemplate producer, CallerResolver callers) {
        this.producer = producer;
        this.callers = callers;
    }

    @Override
    public void accessDenied(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        Matcher read = READ.matcher(request.getRequestURI());
        if (!read.matches()) {
            return;
        }
        String subject = read.group(1);
        String action = read.group(2) == null
                ? (subject.equals("search") ? "search" : "lookup")
                : (read.group(2).equals("audit") ? "audit_trail" : read.group(2));
        Map<String, Object> properties = new HashMap<>();
        properties.put("auditAction", action);
        properties.put("auditOutcome", "denied");
        Map<String, Object> details = new HashMap<>();
        details.put("path", request.getRequestURI());
        if (request.getQueryString() != null) {
            details.put("query", request.getQueryString());
        }
        properties.put("auditDetails", details);
        if (read.group(2) != null) {
            properties.put("auditLineageId", uuidOrNull(subject));
        }
        try {
            producer.send("direct:write-audit-row", exchange -> {
                exchange.getMessage().setHeaders(new HashMap<>(callers.callerOf(request)));
                properties.forEach(exchange::setProperty);
            });
        } catch (RuntimeException e) {
            log.error("Could not audit a denied read of {} by {}", request.getRequestURI(), request.getRemoteUser(), e);
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
