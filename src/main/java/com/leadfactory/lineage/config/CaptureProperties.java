package com.leadfactory.lineage.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** {@code lineage.capture.*}: the capture path's switches and limits (docs/ARCHITECTURE.md, 'Configuration'). */
@ConfigurationProperties("lineage.capture")
public class CaptureProperties implements Validator {

    /** Also the environment variable ENABLE_REPORT_LINEAGE. When off, completions are refused with 503, never dropped. */
    private boolean enabled = true;

    /** Cap on the stored gzip of the raw inputs; larger inputs are truncated by priority. */
    private long maxCompressedBytes = 2 * 1024 * 1024;

    /** Largest accepted completion body; above it the request gets 413. */
    private DataSize maxBodyBytes = DataSize.ofMegabytes(16);

    /**
     * Completion bodies (their declared sizes, or max-body-bytes for one that declares none) being captured at once
     * over HTTP; a completion that finds no room within capture-wait is a 503 with Retry-After.
     */
    private DataSize maxBodiesInProgress = DataSize.ofMegabytes(32);

    /** How long a completion waits for room among maxBodiesInProgress before its 503. */
    private java.time.Duration captureWait = java.time.Duration.ofSeconds(10);

    /**
     * How long a completion body may take to arrive, from the moment it has room among maxBodiesInProgress; a body
     * still incomplete then is a 408 and gives its room back.
     */
    private java.time.Duration bodyReadTimeout = java.time.Duration.ofSeconds(60);

    /** Replaces the built-in masking rules when non-empty. */
    private List<RedactionRule> redactionRules = new ArrayList<>();

    /** Extra JSON field names whose values are always masked, added to the built-in ones. */
    private List<String> sensitiveKeys = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public long getMaxCompressedBytes() {
        return maxCompressedBytes;
    }

    public void setMaxCompressedBytes(long maxCompressedBytes) {
        this.maxCompressedBytes = maxCompressedBytes;
    }

    public DataSize getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(DataSize maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public DataSize getMaxBodiesInProgress() {
        return maxBodiesInProgress;
    }

    public void setMaxBodiesInProgress(DataSize maxBodiesInProgress) {
        this.maxBodiesInProgress = maxBodiesInProgress;
    }

    public java.time.Duration getCaptureWait() {
        return captureWait;
    }

    public void setCaptureWait(java.time.Duration captureWait) {
        this.captureWait = captureWait;
    }

    public List<RedactionRule> getRedactionRules() {
        return redactionRules;
    }

    public void setRedactionRules(List<RedactionRule> redactionRules) {
        this.redactionRules = redactionRules;
    }

    public List<String> getSensitiveKeys() {
        return sensitiveKeys;
    }

    public void setSensitiveKeys(List<String> sensitiveKeys) {
        this.sensitiveKeys = sensitiveKeys;
    }

    public java.time.Duration getBodyReadTimeout() {
        return bodyReadTimeout;
    }

    public void setBodyReadTimeout(java.time.Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == CaptureProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        CaptureProperties capture = (CaptureProperties) target;
        // below a few KiB not even the document without rows fits, and every capture would fail
        SettingChecks.between(errors, "maxCompressedBytes", capture.maxCompressedBytes, 4096, Integer.MAX_VALUE - 8L);
        SettingChecks.positive(errors, "maxBodyBytes", capture.maxBodyBytes);
        SettingChecks.positive(errors, "maxBodiesInProgress", capture.maxBodiesInProgress);
        SettingChecks.notNegative(errors, "captureWait", capture.captureWait);
        SettingChecks.positive(errors, "bodyReadTimeout", capture.bodyReadTimeout);
    }
}
