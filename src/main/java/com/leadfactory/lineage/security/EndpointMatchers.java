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
 * platform-http) does: decoded, without path parameters. Authorisation, the request checks and refused-read
 * auditing all use these; a request is matched once and the answer kept on it (bench/README.md: matching the
 * catalog in each of them cost a lookup about a tenth of its CPU).
 */
public class EndpointMatchers {

    /** A request's endpoint and the values of its path variables. */
    public record Match(Endpoint endpoint, Map<String, String> variables) {}

    private record Entry(Endpoint endpoint, RequestMatcher matcher) {}

    /** The match kept on a request, for the method and path it was made for (a forward or error dispatch differs). */
    private record Matched(String method, String uri, Optional<Match> match) {}

    private static final String MATCHED = EndpointMatchers.class.getName() + ".MATCHED";

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

    public Optional<Match> match(HttpServletRequest request) {
        String method = request.getMethod();
        String uri = request.getRequestURI();
        if (request.getAttribute(MATCHED) instanceof Matched matched
                && matched.method().equals(method)
                && matched.uri().equals(uri)) {
            return matched.match();
        }
        Optional<Match> match = firstMatch(request);
        request.setAttribute(MATCHED, new Matched(method, uri, match));
        return match;
    }

    private Optional<Match> firstMatch(HttpServletRequest request) {
        for (Entry entry : entries) {
            RequestMatcher.MatchResult result = entry.matcher().matcher(request);
            if (result.isMatch()) {
                return Optional.of(new Match(entry.endpoint(), result.getVariables()));
            }
        }
        return Optional.empty();
    }
}
