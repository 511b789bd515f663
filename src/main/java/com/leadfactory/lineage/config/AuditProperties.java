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

    public boolean isRequirePurpose() {
        return requirePurpose;
    }

    public void setRequirePurpose(boolean requirePurpose) {
        this.requirePurpose = requirePurpose;
    }
}
