package com.leadfactory.lineage.config;

import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The on/off switches as one spelling, {@code true} or {@code false}, for every reader. Spring binds {@code TRUE},
 * {@code on}, {@code yes} or {@code 1} to a boolean, but a route's precondition compares the text with
 * {@code 'true'} and {@code @ConditionalOnProperty(havingValue = "true")} ignores only case: with
 * {@code LINEAGE_INGEST_RABBITMQ_ENABLED=TRUE} the service declared the broker in readiness and went UP, and no
 * route consumed the queue. This source, first in the environment, answers each switch with Spring's reading of
 * whatever the other sources say, so routes, conditions and bound properties agree. A value Spring cannot read as
 * a boolean is passed on as it is, for the binder to refuse.
 */
final class SwitchValues extends PropertySource<Object> {

    static final String NAME = "lineageSwitches";

    static final Set<String> SWITCHES = Set.of(
            "lineage.capture.enabled",
            "lineage.ingest.rabbitmq.enabled",
            "lineage.reconcile.enabled",
            "lineage.retention.enabled",
            "lineage.openlineage.enabled",
            "lineage.demo.enabled",
            "lineage.routes.reload",
            "lineage.panel.versioned-assets",
            "lineage.audit.require-purpose",
            "lineage.audit.create-signing-key-file");

    // Spring's StringToBooleanConverter
    private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");
    private static final Set<String> FALSE = Set.of("false", "off", "no", "0");

    /** Set while this source asks the environment, which asks this source again. */
    private final ThreadLocal<Boolean> asking = ThreadLocal.withInitial(() -> false);

    // not the source: Spring Boot walks into a property source whose source is an environment, which holds this one
    private final ConfigurableEnvironment environment;

    SwitchValues(ConfigurableEnvironment environment) {
        super(NAME, new Object());
        this.environment = environment;
    }

    @Override
    public Object getProperty(String name) {
        if (!SWITCHES.contains(name) || asking.get()) {
            return null;
        }
        String value;
        asking.set(true);
        try {
            value = environment.getProperty(name);
        } finally {
            asking.set(false);
        }
        if (value == null) {
            return null;
        }
        String word = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(word)) {
            return "true";
        }
        if (FALSE.contains(word)) {
            return "false";
        }
        return null;
    }
}
