package com.leadfactory.lineage.audit;

import com.leadfactory.lineage.caller.AccessPurpose;
import com.leadfactory.lineage.problem.FieldViolation;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.security.EndpointMatchers;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a 400 naming {@code X-Access-Purpose}, a read of customer data that states no purpose (while
 * {@code lineage.audit.require-purpose} is on) and any call whose stated purpose cannot be stored as sent. Runs
 * after Spring Security: a caller without the role gets its 403 (audited) first, and a refused purpose reads
 * nothing, so it is not audited.
 */
public class AccessPurposeFilter extends OncePerRequestFilter {

    private final EndpointMatchers endpoints;
    private final ProblemWriter problems;
    private final boolean required;

    public AccessPurposeFilter(EndpointMatchers endpoints, ProblemWriter problems, boolean required) {
        this.endpoints = endpoints;
        this.problems = problems;
        this.required = required;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String stated = request.getHeader(AccessPurpose.HEADER);
        String problem = null;
        if (stated != null
                && Collections.list(request.getHeaders(AccessPurpose.HEADER)).size() > 1) {
            // which one would be the purpose? only the first would be stored
            problem = "must be sent once (this request sends it more than once)";
        } else if (stated != null) {
            problem = AccessPurpose.problemWithHeader(stated);
        } else if (required && needsPurpose(request)) {
            problem = AccessPurpose.problem(null);
        }
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(
                request,
                response,
                new Problem(
                        400,
                        "invalid-parameter",
                        "Invalid parameter",
                        AccessPurpose.HEADER + ": " + problem,
                        List.of(new FieldViolation(AccessPurpose.HEADER, problem))));
    }

    private boolean needsPurpose(HttpServletRequest request) {
        return endpoints
                .match(request)
                .map(match -> match.endpoint().needsPurpose())
                .orElse(false);
    }
}
