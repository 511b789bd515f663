package com.leadfactory.lineage.capture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The capture counters of /actuator/prometheus, called from the capture routes. */
@Component
public class CaptureMetrics {

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
