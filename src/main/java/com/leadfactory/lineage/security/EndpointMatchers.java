package com.leadfactory.lineage.security;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.api.EndpointCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The catalog's endpoints as request matchers, most specific first, so that {@code /api/lineage/search} is never
 * taken for {@code /api/lineage/{report_id}}. Spring's path matcher reads the path as Spring MVC (and so Camel's
 * platform-http) does: decoded, without path parameters. Authorisation and refused-read auditing both use these.
 */
public class EndpointMatchers {

    /** A request's endpoint and the values of its path variables. */
    public record Match(Endpoint endpoint, Map<String, String> variables) {}

    record Entry(Endpoint endpoint, RequestMatcher matcher) {}

    private final List<Entry> entries;

    public EndpointMatchers(EndpointCatalog catalog) {
        this.entries = catalog.mostSpecificFirst().stream()
                .flatMap(endpoint -> methods(endpoint).stream()
                        .map(method -> new Entry(
                                endpoint,
                                PathPatternRequestMatcher.withDefaults().matcher(method, endpoint.fullPath()))))
                .toList();
    }

    /** A GET route also answers HEAD (the route runs, only the body is dropped): HEAD needs the same role. */
    private static List<HttpMethod> methods(Endpoint endpoint) {
        HttpMethod method = HttpMethod.valueOf(endpoint.method().name());
        return method == HttpMethod.GET ? List.of(HttpMethod.GET, HttpMethod.HEAD) : List.of(method);
    }

    List<Entry> entries() {
        return entries;
    }

    public Optional<Match> match(HttpServletRequest request) {
        for (Entry entry : entries) {
            RequestMatcher.MatchResult result = entry.matcher().matcher(request);
            if (result.isMatch()) {
                return Optional.of(new Match(entry.endpoint(), result.getVariables()));
            }
        }
        return Optional.empty();
    }
}
