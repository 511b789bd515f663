package com.leadfactory.lineage.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** {@code lineage.retention.*}: the purge of old lineage rows and the storage warning. */
@ConfigurationProperties("lineage.retention")
public class RetentionProperties implements Validator {

    /** Delete lineage rows older than {@link #maxAge}. Off by default: lineage is kept forever. */
    private boolean enabled = false;

    private Duration maxAge = Duration.ofDays(365);

    /** Time between purge runs. */
    private Duration interval = Duration.ofHours(1);

    /** Rows deleted per statement; a run repeats until a batch deletes fewer. */
    private int batchSize = 500;

    /** Health turns WARN when the lineage tables use more than this. */
    private DataSize storageWarningBytes = DataSize.ofGigabytes(50);

    /** Time between storage (and coverage) measurements. */
    private Duration storageCheckInterval = Duration.ofMinutes(5);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public DataSize getStorageWarningBytes() {
        return storageWarningBytes;
    }

    public void setStorageWarningBytes(DataSize storageWarningBytes) {
        this.storageWarningBytes = storageWarningBytes;
    }

    public Duration getStorageCheckInterval() {
        return storageCheckInterval;
    }

    public void setStorageCheckInterval(Duration storageCheckInterval) {
        this.storageCheckInterval = storageCheckInterval;
    }

    @Override
    public boolean supports(Class<?> type) {
        return type == RetentionProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        RetentionProperties retention = (RetentionProperties) target;
        // a bare number is milliseconds to Spring: max-age=365 would purge every record at the first run
        if (retention.maxAge == null || retention.maxAge.compareTo(Duration.ofDays(1)) < 0) {
            errors.rejectValue(
                    "maxAge", "lineage.too-small", "must be at least 1d (a number without a unit is milliseconds)");
        }
        SettingChecks.positive(errors, "interval", retention.interval);
        // a run repeats while a batch deletes batch-size rows: zero would never end
        SettingChecks.atLeast(errors, "batchSize", retention.batchSize, 1);
        SettingChecks.positive(errors, "storageWarningBytes", retention.storageWarningBytes);
        SettingChecks.positive(errors, "storageCheckInterval", retention.storageCheckInterval);
    }
}
