package com.leadfactory.lineage.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiErrorFilterTest {

    private final ApiErrorFilter filter = new ApiErrorFilter(new ProblemWriter(new ObjectMapper()));

    @Test
    void sendErrorUnderApiBecomesAProblem() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/lineage/completions");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {
            ((HttpServletResponse) res).setHeader("Allow", "GET, POST");
            ((HttpServletResponse) res).sendError(405, "Method Not Allowed");
        });

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, POST");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getContentAsString())
                .contains("\"type\":\"urn:lineage:problem:method-not-allowed\"")
                .contains("DELETE is not allowed on /api/lineage/completions")
                .doesNotContain("timestamp");
    }

    @Test
    void aServiceUnavailableProblemSaysWhenToRetry() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(
                new MockHttpServletRequest("GET", "/api/lineage/search"),
                response,
                (req, res) -> ((HttpServletResponse) res).sendError(503));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("\"type\":\"urn:lineage:problem:service-unavailable\"");
    }

    @Test
    void leavesABrowsersPageRequestOutsideTheApiAlone() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/apix/nothing");
        page.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        filter.doFilter(page, response, (req, res) -> ((HttpServletResponse) res).sendError(404));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getErrorMessage()).isNull();
        assertThat(response.getContentAsString()).isEmpty();
        assertThat(response.getContentType()).isNull();
    }

    @Test
    void anExceptionThatReachedTheContainerIsAProblemInItsErrorDispatch() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/lineage/completions");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest())
                .as("Spring's error page was not rendered")
                .isNull();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString())
                .contains("\"type\":\"urn:lineage:problem:internal-error\"")
                .contains("\"instance\":\"/api/lineage/completions\"");
    }

    @Test
    void aBrowsersErrorDispatchOutsideTheApiGoesToTheErrorPage() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.addHeader("Accept", "text/html");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/login.html");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void everyStatusGetsATypeAndTitle() {
        assertThat(ApiErrorFilter.problemFor(400, "GET", "/api/x").type()).isEqualTo("bad-request");
        assertThat(ApiErrorFilter.problemFor(404, "GET", "/api/x").detail()).contains("/api/x");
        assertThat(ApiErrorFilter.problemFor(406, "GET", "/api/x").type()).isEqualTo("not-acceptable");
        assertThat(ApiErrorFilter.problemFor(415, "POST", "/api/x").type()).isEqualTo("unsupported-media-type");
        assertThat(ApiErrorFilter.problemFor(413, "POST", "/api/x").type()).isEqualTo("payload-too-large");
        assertThat(ApiErrorFilter.problemFor(418, "GET", "/api/x").type()).isEqualTo("i-m-a-teapot");
        assertThat(ApiErrorFilter.problemFor(599, "GET", "/api/x").title()).isEqualTo("HTTP 599");
        assertThat(ApiErrorFilter.problemFor(502, "GET", "/api/x").detail()).contains("Retry later");
        assertThat(ApiErrorFilter.isApi("/api")).isTrue();
        assertThat(ApiErrorFilter.isApi("/api/me")).isTrue();
        assertThat(ApiErrorFilter.isApi("/apis")).isFalse();
    }
}
