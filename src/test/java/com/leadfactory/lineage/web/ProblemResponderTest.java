package com.leadfactory.lineage.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.caller.CallerHeaders;
import com.leadfactory.lineage.problem.NotFoundException;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

@ExtendWith(OutputCaptureExtension.class)
class ProblemResponderTest {

    private final ProblemResponder responder = new ProblemResponder(new ObjectMapper());

    private Exchange failed(Exception failure) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "/api/lineage/x");
        exchange.getMessage().setHeader(CallerHeaders.REQUEST_ID, "req-7");
        exchange.getMessage().setHeader("X-Echoed", "must not go back");
        responder.respond(exchange);
        return exchange;
    }

    @Test
    void answersWithTheProblemOnlyItsOwnHeadersAndTheRequestId() throws Exception {
        Exchange exchange = failed(new NotFoundException("No lineage record x"));
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys("X-Echoed", "Retry-After");
        assertThat(exchange.getMessage().getBody(String.class))
                .contains("\"request_id\":\"req-7\"", "\"instance\":\"/api/lineage/x\"", "No lineage record x");
    }

    @Test
    void aRetryableFailureSaysWhenToRetryAndIsLoggedAsOneLine(CapturedOutput output) throws Exception {
        Exchange exchange = failed(new CannotGetJdbcConnectionException("down", new SQLException("gone")));
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(exchange.getMessage().getHeader("Retry-After")).isEqualTo("5");
        assertThat(output.getOut())
                .contains("WARN", "answered 503 database-unavailable: java.sql.SQLException: gone")
                .doesNotContain("ERROR", "\tat ");
    }
}
