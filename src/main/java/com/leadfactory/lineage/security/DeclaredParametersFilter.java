package com.leadfactory.lineage.security;

import com.leadfactory.lineage.api.Endpoint;
import com.leadfactory.lineage.api.Endpoint.Param;
import com.leadfactory.lineage.caller.PercentEncoding;
import com.leadfactory.lineage.caller.PlainText;
import com.leadfactory.lineage.problem.BadParameterException;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request to a catalog endpoint whose query string the endpoint cannot take as sent, before any route
 * reads it: a name the endpoint does not declare (api.LineageApi; a misspelt filter, {@code ?lead=…} for
 * {@code ?lead_id=…}, would otherwise be dropped in silence and widen a search to everything), a parameter given
 * twice (every declared parameter takes one value; {@code ?user_id=a&user_id=b} would otherwise be joined or one
 * value dropped), an empty or blank value (leave the parameter out instead), and a value that is not
 * percent-encoded UTF-8 or has a character caller.PlainText refuses (a control character such as NUL, which
 * PostgreSQL cannot store in text, an invisible format character, a line separator). 400
 * problem+json naming the parameter. Runs after authorisation, so a caller without the role still gets 403, and
 * reads only the query string (never a form body). See docs/DESIGN-NOTES.md, "Parameters a client did not mean".
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
        Optional<BadParameterException> refusal = endpoint.flatMap(e -> firstRefusal(e, query));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(request, response, refusal.get().problem());
    }

    /** The first thing in this query string the endpoint cannot take, in the order of the query string. */
    static Optional<BadParameterException> firstRefusal(Endpoint endpoint, String query) {
        List<String> seen = new ArrayList<>();
        for (Parameter parameter : parameters(query)) {
            String name = parameter.name();
            if (firstUndeclared(endpoint, List.of(name)).isPresent()) {
                return Optional.of(refusal(endpoint, name));
            }
            if (seen.contains(name)) {
                return Optional.of(new BadParameterException(name, "must be given at most once"));
            }
            seen.add(name);
            String problem = problemWithValue(parameter.value());
            if (problem != null) {
                return Optional.of(new BadParameterException(name, problem));
            }
        }
        return Optional.empty();
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

    /**
     * Why a query parameter's value (as sent, still percent-encoded) cannot be used, or null when it can. Values
     * are used exactly as sent, never trimmed: {@code <uuid>%20} is not a UUID.
     */
    static String problemWithValue(String raw) {
        String value = decode(raw);
        if (value == null) {
            return "is not percent-encoded UTF-8";
        }
        return PlainText.parameterProblem(value);
    }

    /** One {@code name=value} of a query string: the name decoded, the value as sent. */
    record Parameter(String name, String value) {}

    /** The parameters of a raw query string in order ({@code a=1&b&a=2} gives a=1, b=, a=2). */
    static List<Parameter> parameters(String query) {
        List<Parameter> parameters = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String decoded = decode(name);
            parameters.add(
                    new Parameter(decoded == null ? name : decoded, equals < 0 ? "" : pair.substring(equals + 1)));
        }
        return parameters;
    }

    /** The names in a raw query string, decoded, in order ({@code a=1&b&a=2} gives a, b, a). */
    static List<String> queryNames(String query) {
        return parameters(query).stream().map(Parameter::name).toList();
    }

    /**
     * A query string part decoded as the servlet container does ({@code +} is a space, {@code %XX} a byte, the
     * bytes UTF-8), or null when it is not: a bad escape or bytes that are not UTF-8 (which the container would
     * replace or drop without saying so).
     */
    static String decode(String part) {
        return PercentEncoding.queryPart(part);
    }
}
