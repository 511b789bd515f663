package com.leadfactory.lineage.availability;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code routes} in /actuator/health and the readiness group: UP exactly while {@link RoutesGate} lets API
 * requests through, so a probe never sends traffic to an instance that would answer 503.
 */
@Component("routesHealthIndicator")
public class RoutesHealthIndicator extends AbstractHealthIndicator {

    private final RoutesGate gate;

    public RoutesHealthIndicator(RoutesGate gate) {
        this.gate = gate;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        switch (gate.state()) {
            case OPEN -> builder.up();
            case STARTING -> builder.outOfService().withDetail("reason", "routes not started yet");
            case STOPPING -> builder.outOfService().withDetail("reason", "shutting down");
        }
    }
}
