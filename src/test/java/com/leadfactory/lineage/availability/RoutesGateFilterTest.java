package com.leadfactory.lineage.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.web.ProblemWriter;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RoutesGateFilterTest {

    private final RoutesGate gate = new RoutesGate();
    private final RoutesGateFilter filter = new RoutesGateFilter(gate, new ProblemWriter(new ObjectMapper()));

    @Test
    void aClosedGateAnswersARetryable503ProblemAndPassesNothingOn() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(new MockHttpServletRequest("POST", "/api/lineage/completions"), response, chain);

        assertThat(chain.getRequest()).as("the request went no further").isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString())
                .contains("\"type\":\"urn:lineage:problem:not-ready\"")
                .contains("is starting")
                .contains("\"instance\":\"/api/lineage/completions\"");
    }

    @Test
    void anOpenGatePassesTheRequestOn() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(gate);
            camel.start();
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();

            filter.doFilter(new MockHttpServletRequest("GET", "/api/me"), response, chain);

            assertThat(chain.getRequest()).isNotNull();
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void saysWhenTheInstanceIsShuttingDown() {
        assertThat(RoutesGateFilter.problem(RoutesGate.State.STOPPING).detail()).contains("shutting down");
    }
}
