package com.leadfactory.lineage.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** {@code lineage.reconcile.*}: the sweeper that captures completed reports whose message never arrived. */
@ConfigurationProperties("lineage.reconcile")
public class ReconcileProperties implements Validator {

    private boolean enabled = true;

    /** Time between sweeps. */
    private Duration interval = Duration.ofMinutes(1);

    /** A completed report younger than this is left to its completion message. */
    private Duration grace = Duration.ofMinutes(5);

    /** Reports captured per sweep at most. */
    private int batchSize = 100;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getGrace() {
        return grace;
    }

    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == ReconcileProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        ReconcileProperties reconcile = (ReconcileProperties) target;
        SettingChecks.positive(errors, "interval", reconcile.interval);
        SettingChecks.notNegative(errors, "grace", reconcile.grace);
        SettingChecks.atLeast(errors, "batchSize", reconcile.batchSize, 1);
    }
}
