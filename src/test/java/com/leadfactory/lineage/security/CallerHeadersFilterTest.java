package com.leadfactory.lineage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.leadfactory.lineage.caller.CallerHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The routes see the authenticated caller in X-Lineage-* headers, and never what a client sent under those names. */
class CallerHeadersFilterTest {

    @Test
    void callerHeadersReplaceWhatTheClientSentUnderTheirNamesAndOtherHeadersPassUnchanged() throws Exception {
        Map<String, String> caller = new LinkedHashMap<>();
        caller.put(CallerHeaders.PRINCIPAL, "support-alice");
        caller.put(CallerHeaders.ROLES, "viewer");
        CallerResolver resolver = mock(CallerResolver.class);
        when(resolver.callerOf(any())).thenReturn(caller);

        MockHttpServletRequest sent = new MockHttpServletRequest("GET", "/api/me");
        sent.addHeader("x-lineage-principal", "forged-admin");
        sent.addHeader("X-Lineage-Something", "forged");
        sent.addHeader("Accept", "application/json");
        sent.addHeader("X-Request-Id", "req-1");
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

        new CallerHeadersFilter(resolver)
                .doFilter(
                        sent,
                        new MockHttpServletResponse(),
                        (request, response) -> seen.set((HttpServletRequest) request));

        HttpServletRequest routes = seen.get();
        assertThat(Collections.list(routes.getHeaderNames()))
                .containsExactlyInAnyOrder("Accept", "X-Request-Id", CallerHeaders.PRINCIPAL, CallerHeaders.ROLES);
        assertThat(routes.getHeader("X-LINEAGE-PRINCIPAL")).isEqualTo("support-alice");
        assertThat(Collections.list(routes.getHeaders("x-lineage-principal"))).containsExactly("support-alice");
        assertThat(routes.getHeader("X-Lineage-Something")).isNull();
        assertThat(Collections.list(routes.getHeaders("X-Lineage-Something"))).isEmpty();
        assertThat(routes.getHeader("accept")).isEqualTo("application/json");
        assertThat(Collections.list(routes.getHeaders("X-Request-Id"))).containsExactly("req-1");
    }
}
