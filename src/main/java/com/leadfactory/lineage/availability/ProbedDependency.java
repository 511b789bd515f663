package com.leadfactory.lineage.availability;

import com.leadfactory.lineage.problem.FailureText;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;

/**
 * What the readiness probes say about a dependency (the database, the broker) in the log: one WARN when they first
 * find it away, one INFO when it answers again, nothing above DEBUG in between. Spring's own indicators logged a
 * WARN with the whole stack trace at every probe, a few a minute for as long as the outage lasted (README,
 * "Deploying").
 */
final class ProbedDependency {

    private static final Logger LOG = LoggerFactory.getLogger(ProbedDependency.class);

    private final String name;

    /** Since when probes have found it away; null while it answers. */
    private final AtomicReference<Instant> awaySince = new AtomicReference<>();

    ProbedDependency(String name) {
        this.name = name;
    }

    Health.Builder answers() {
        Instant since = awaySince.getAndSet(null);
        if (since != null) {
            LOG.info(
                    "Readiness: {} answers again after {} s",
                    name,
                    Duration.between(since, Instant.now()).toSeconds());
        }
        return Health.up();
    }

    Health away(Throwable failure) {
        String cause = FailureText.of(failure);
        if (awaySince.compareAndSet(null, Instant.now())) {
            LOG.warn(
                    "Readiness: {} does not answer ({}); readiness answers 503 until it does, and says so once it"
                            + " answers",
                    name,
                    cause);
        } else {
            LOG.debug("Readiness: {} still does not answer ({})", name, cause);
        }
        return Health.down().withDetail("error", cause).build();
    }
}
