package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.api.EndpointCatalog;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** A request is matched against the catalog once; a forward or error dispatch to another path is matched anew. */
class EndpointMatchersTest {

    private final EndpointMatchers endpoints = new EndpointMatchers(new EndpointCatalog());

    @Test
    void aRequestIsMatchedOnceAndTheMatchKeptOnIt() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/lineage/search");
        Optional<EndpointMatchers.Match> first = endpoints.match(request);

        assertThat(first)
                .hasValueSatisfying(
                        match -> assertThat(match.endpoint().fullPath()).isEqualTo("/api/lineage/search"));
        assertThat(endpoints.match(request)).isSameAs(first);
    }

    @Test
    void anotherPathOrMethodOnTheSameRequestIsMatchedAnew() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/lineage/search");
        endpoints.match(request);

        request.setRequestURI("/api/lineage/4b2c6f0e-2c0a-4f43-9a57-0a4d2f6c8e11");
        assertThat(endpoints.match(request))
                .hasValueSatisfying(match -> assertThat(match.variables())
                        .containsEntry("report_id", "4b2c6f0e-2c0a-4f43-9a57-0a4d2f6c8e11"));

        request.setMethod("DELETE");
        assertThat(endpoints.match(request)).isEmpty();

        request.setRequestURI("/error");
        request.setMethod("GET");
        assertThat(endpoints.match(request)).isEmpty();
    }
}
