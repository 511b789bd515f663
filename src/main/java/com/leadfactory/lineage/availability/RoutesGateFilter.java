package com.leadfactory.lineage.availability;

import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every API request with a retryable 503 problem while {@link RoutesGate} is closed: before the routes
 * have started (no 404 for a route that merely does not exist yet) and once shutdown has begun.
 */
public class RoutesGateFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    private final RoutesGate gate;
    private final ProblemWriter problems;

    public RoutesGateFilter(RoutesGate gate, ProblemWriter problems) {
        this.gate = gate;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RoutesGate.State state = gate.state();
        if (state == RoutesGate.State.OPEN) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        problems.write(request, response, problem(state));
    }

    static Problem problem(RoutesGate.State state) {
        String why = state == RoutesGate.State.STARTING
                ? "This instance is starting and does not take API requests yet"
                : "This instance is shutting down and takes no new API requests";
        return Problem.of(
                503, "not-ready", "Not ready", why + "; nothing was stored. Retry (another instance may answer).");
    }
}
