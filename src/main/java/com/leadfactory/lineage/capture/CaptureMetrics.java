package com.leadfactory.lineage.capture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The capture counters of /actuator/prometheus, called from the capture routes. Every series README names is
 * registered at 0 when the service starts, not at its first event: an alert on {@code increase(...)} sees the first
 * failure (a series that appears with 1 has no increase), and a dashboard shows 0 rather than no data.
 */
@Component
public class CaptureMetrics {

    /** The capture sources that count captures and duplicates (the demo's rows are loaded once, not counted). */
    static final List<String> SOURCES = List.of("http", "rabbitmq", "reconciler", "openlineage");

    /** Why an HTTP completion was refused: {@code routes/http-problems.yaml} and {@link CompletionBodyLimitFilter}. */
    static final List<String> REJECTED_REASONS =
            List.of("invalid", "conflict", "mismatch", "refused", "payload-too-large", "busy");

    private final MeterRegistry registry;
    private final DistributionSummary storedBytes;
    private final DistributionSummary rawBytes;
    private final DistributionSummary ratio;

    public CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.storedBytes = DistributionSummary.builder("lineage.raw_inputs.stored")
                .baseUnit("bytes")
                .description("gzip bytes stored per captured report")
                .register(registry);
        this.rawBytes = DistributionSummary.builder("lineage.raw_inputs.uncompressed")
                .baseUnit("bytes")
                .description("uncompressed raw-input bytes per captured report")
                .register(registry);
        this.ratio = DistributionSummary.builder("lineage.raw_inputs.compression_ratio")
                .description("uncompressed / compressed size per captured report")
                .register(registry);
        for (String source : SOURCES) {
            counter("lineage.captured", "source", source);
            counter("lineage.duplicate", "source", source);
        }
        REJECTED_REASONS.forEach(reason -> counter("lineage.rejected", "reason", reason));
        counter("lineage.failed", "source", "http");
        registry.counter("lineage.truncated");
    }

    public void captured(Map<String, Object> row) {
        counter("lineage.captured", "source", String.valueOf(row.get("capture_source")))
                .increment();
        storedBytes.record(((Number) row.get("stored_bytes")).doubleValue());
        rawBytes.record(((Number) row.get("raw_inputs_size_bytes")).doubleValue());
        ratio.record(((BigDecimal) row.get("compression_ratio")).doubleValue());
        if (Boolean.TRUE.equals(row.get("truncated"))) {
            registry.counter("lineage.truncated").increment();
        }
    }

    public void duplicate(String source) {
        counter("lineage.duplicate", "source", source).increment();
    }

    public void rejected(String reason) {
        counter("lineage.rejected", "reason", reason).increment();
    }

    public void failed(String source) {
        counter("lineage.failed", "source", source).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return registry.counter(name, tag, value);
    }
}
