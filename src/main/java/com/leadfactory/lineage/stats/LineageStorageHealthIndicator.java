package com.leadfactory.lineage.stats;

import com.leadfactory.lineage.config.RetentionProperties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code lineageStorage} in /actuator/health: WARN (HTTP 200, see application.yaml) when the lineage tables use
 * more than lineage.retention.storage-warning-bytes. Reads the last measurement, never the database.
 */
@Component("lineageStorage")
public class LineageStorageHealthIndicator extends AbstractHealthIndicator {

    public static final Status WARN =
            new Status("WARN", "lineage storage above lineage.retention.storage-warning-bytes");

    private final LineageStats stats;
    private final RetentionProperties properties;

    public LineageStorageHealthIndicator(LineageStats stats, RetentionProperties properties) {
        this.stats = stats;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Long used = stats.storageBytes();
        long threshold = properties.getStorageWarningBytes().toBytes();
        builder.withDetail("warning_bytes", threshold);
        if (used == null) {
            builder.up().withDetail("used_bytes", "not measured yet");
            return;
        }
        builder.withDetail("used_bytes", used);
        if (used > threshold) {
            builder.status(WARN)
                    .withDetail(
                            "action",
                            "enable or tighten lineage.retention (max-age), or raise the threshold after adding storage");
        } else {
            builder.up();
        }
    }
}
