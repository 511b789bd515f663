package com.leadfactory.lineage.security;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.api.Endpoint.Param;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request to a catalog endpoint whose query string names a parameter the endpoint does not declare
 * (api.LineageApi): a misspelt filter ({@code ?lead=…} for {@code ?lead_id=…}) would otherwise be dropped in
 * silence and widen a search to everything. 400 problem+json naming the parameter and the ones the endpoint
 * takes. Runs after authorisation, so a caller without the role still gets 403, and reads only the query string
 * (never a form body). See docs/DESIGN-NOTES.md, "Parameters a client did not mean".
 */
public class DeclaredParametersFilter extends OncePerRequestFilter {

    private final EndpointMatchers endpoints;
    private final ProblemWriter problems;

    public DeclaredParametersFilter(EndpointMatchers endpoints, ProblemWriter problems) {
        this.endpoints = endpoints;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) { // most requests: nothing to check, so no endpoint to look up
            chain.doFilter(request, response);
            return;
        }
        Optional<Endpoint> endpoint = endpoints.match(request).map(EndpointMatchers.Match::endpoint);
        Optional<String> undeclared = endpoint.flatMap(e -> firstUndeclared(e, queryNames(query)));
        if (undeclared.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(
                request, response, refusal(endpoint.get(), undeclared.get()).problem());
    }

    static BadParameterException refusal(Endpoint endpoint, String name) {
        List<String> declared = declaredQuery(endpoint);
        String takes = declared.isEmpty() ? "it takes no query parameters" : "it takes " + String.join(", ", declared);
        return new BadParameterException(
                name, "is not a parameter of " + endpoint.method() + " " + endpoint.fullPath() + "; " + takes);
    }

    static Optional<String> firstUndeclared(Endpoint endpoint, List<String> names) {
        List<String> declared = declaredQuery(endpoint);
        return names.stream().filter(name -> !declared.contains(name)).findFirst();
    }

    private static List<String> declaredQuery(Endpoint endpoint) {
        return endpoint.params().stream()
                .filter(param -> param.in() == Param.In.QUERY)
                .map(Param::name)
                .toList();
    }

    /** The names in a raw query string, decoded, in order ({@code a=1&b&a=2} gives a, b, a). */
    static List<String> queryNames(String query) {
        List<String> names = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return names;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            try {
                names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                names.add(name);
            }
        }
        return names;
    }
}
