package com.leadfactory.lineage.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lineage.audit.*}: what the audit trail asks of readers. */
@ConfigurationProperties("lineage.audit")
public class AuditProperties {

    /**
     * Reads of customer data (raw-input downloads, bundles, the raw-inputs view) are refused with 400 unless they
     * state a purpose in X-Access-Purpose. A purpose sent with any other read is stored too.
     */
    private boolean requirePurpose = true;

    /**
     * Audit exports streaming at once on an instance: each holds a database connection and an open transaction for
     * as long as its client takes to download it, so more than a few would take the pool from the reads.
     */
    private int maxConcurrentExports = 2;

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
        if (maxConcurrentExports < 1) {
            throw new IllegalArgumentException("lineage.audit.max-concurrent-exports must be 1 or more (it is "
                    + maxConcurrentExports + "): audit exports streaming at once on an instance");
        }
        this.maxConcurrentExports = maxConcurrentExports;
    }
}
