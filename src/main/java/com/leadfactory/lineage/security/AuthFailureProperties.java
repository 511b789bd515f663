package com.leadfactory.lineage.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lineage.audit.auth-failures.*}: failed authentications (unknown API key, wrong password) are audited at
 * most once per (IP, claimed name) per {@code flush-interval}, and after {@code max-attempts} failures from one
 * IP within {@code window} that IP's authentication attempts get 429 until the oldest failure leaves the window.
 */
@ConfigurationProperties("lineage.audit.auth-failures")
public class AuthFailureProperties {

    private int maxAttempts = 20;
    private Duration window = Duration.ofMinutes(5);
    private Duration flushInterval = Duration.ofMinutes(1);

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("lineage.audit.auth-failures.max-attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("lineage.audit.auth-failures.window must be positive");
        }
        this.window = window;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("lineage.audit.auth-failures.flush-interval must be positive");
        }
        this.flushInterval = flushInterval;
    }
}
