package com.leadfactory.lineage.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.support.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A path Tomcat refuses before any filter runs (an encoded slash, an encoded NUL) is still answered under /api as
 * problem+json with a request id (web.ApiErrorReportValve), not Tomcat's HTML page, and so is any request that does
 * not ask for HTML; a browser's page request outside the API keeps Tomcat's page, with nosniff and a CSP.
 */
public interface MalformedPathContract extends ApiTestSupport {

    private HttpResponse<String> get(String rawPath) throws Exception {
        return get(rawPath, "*/*");
    }

    private HttpResponse<String> get(String rawPath, String accept) throws Exception {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + rawPath))
                                .header("X-API-Key", VIEWER_KEY)
                                .header("Accept", accept)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    default void aPathTomcatRefusesIsAProblemUnderApi() throws Exception {
        for (String path : new String[] {
            "/api/lineage/..%2Fsearch", "/api/lineage/x%00/logs", "/api/lineage/search?lead_id=" + "a".repeat(20_000)
        }) {
            HttpResponse<String> answer = get(path);
            path = path.substring(0, Math.min(path.length(), 60));
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = new ObjectMapper().readTree(answer.body());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("type").asText()).endsWith("bad-request");
            assertThat(problem.get("request_id").asText())
                    .isEqualTo(answer.headers().firstValue("X-Request-Id").orElseThrow());
        }
        // outside the API a program gets a problem too, as for every other error there
        HttpResponse<String> program = get("/assets/..%2Fx");
        assertThat(program.statusCode()).isEqualTo(400);
        assertThat(program.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        // a browser's page request keeps the container's page, which can run nothing
        HttpResponse<String> page = get("/assets/x%2Fy", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).doesNotContain("problem"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    }
}
