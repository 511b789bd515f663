package com.leadfactory.lineage.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * {@code lineage.audit.*}: what the audit trail asks of readers, how many exports of it run at once, and how long a
 * search of it may run.
 */
@ConfigurationProperties("lineage.audit")
public class AuditProperties implements Validator {

    /**
     * Reads of customer data (raw-input downloads, bundles, the raw-inputs view) are refused with 400 unless they
     * state a purpose in X-Access-Purpose. A purpose sent with any other read is stored too.
     */
    private boolean requirePurpose = true;

    /**
     * Audit exports streaming at once on an instance: each holds a database connection for as long as its client
     * takes to read it, so they are bounded below the pool's size.
     */
    private int maxConcurrentExports = 2;

    /** How long an export waits for a free slot before it is a 503 export-busy. */
    private Duration exportWait = Duration.ofSeconds(10);

    /**
     * On PostgreSQL, the statement timeout of a search of the whole trail: a JSON page's select, and each batch of
     * rows an export fetches. A search that runs longer is cancelled, a 504 audit-search-timeout
     * (docs/DESIGN-NOTES.md, "A bound on a search of the whole trail"). H2 has no transaction-scoped timeout.
     */
    private Duration searchTimeout = Duration.ofSeconds(10);

    public boolean isRequirePurpose() {
        return requirePurpose;
    }

    public void setRequirePurpose(boolean requirePurpose) {
        this.requirePurpose = requirePurpose;
    }

    public int getMaxConcurrentExports() {
        return maxConcurrentExports;
    }

    public void setMaxConcurrentExports(int maxConcurrentExports) {
        this.maxConcurrentExports = maxConcurrentExports;
    }

    public Duration getExportWait() {
        return exportWait;
    }

    public void setExportWait(Duration exportWait) {
        this.exportWait = exportWait;
    }

    public Duration getSearchTimeout() {
        return searchTimeout;
    }

    public void setSearchTimeout(Duration searchTimeout) {
        this.searchTimeout = searchTimeout;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == AuditProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        AuditProperties audit = (AuditProperties) target;
        SettingChecks.atLeast(errors, "maxConcurrentExports", audit.maxConcurrentExports, 1);
        SettingChecks.notNegative(errors, "exportWait", audit.exportWait);
        // PostgreSQL reads a statement_timeout of 0 as no timeout at all, and counts in whole milliseconds
        SettingChecks.positive(errors, "searchTimeout", audit.searchTimeout);
        if (audit.searchTimeout != null
                && audit.searchTimeout.compareTo(Duration.ZERO) > 0
                && audit.searchTimeout.toMillis() < 1) {
            errors.rejectValue("searchTimeout", "lineage.too-small", "must be at least 1ms");
        }
    }
}
