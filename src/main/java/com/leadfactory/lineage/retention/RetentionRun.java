package com.leadfactory.lineage.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.config.RetentionProperties;
import com.leadfactory.lineage.db.TimeOrderedUuid;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The Java half of {@code routes/retention.yaml}: the cutoff, the running count, the run's audit row. */
@Component("retentionRun")
public class RetentionRun {

    static final String DELETED = "retentionDeleted";
    static final String LAST_BATCH = "lastBatchDeleted";
    private static final Logger log = LoggerFactory.getLogger(RetentionRun.class);

    private final RetentionProperties properties;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Counter purged;

    @Autowired
    public RetentionRun(RetentionProperties properties, ObjectMapper mapper, MeterRegistry registry) {
        this(properties, mapper, registry, Clock.systemUTC());
    }

    RetentionRun(RetentionProperties properties, ObjectMapper mapper, MeterRegistry registry, Clock clock) {
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
        this.purged = Counter.builder("lineage.purged")
                .description("lineage rows deleted by retention")
                .register(registry);
    }

    public void start(Exchange exchange) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        exchange.setProperty("cutoff", now.minus(properties.getMaxAge()));
        exchange.setProperty("batch_size", properties.getBatchSize());
        exchange.setProperty(DELETED, 0L);
        // the loop runs while the previous batch was full: the first one always runs
        exchange.setProperty(LAST_BATCH, properties.getBatchSize());
    }

    public void batchDeleted(Exchange exchange) {
        int deleted = exchange.getMessage().getHeader("CamelSqlUpdateCount", 0, Integer.class);
        exchange.setProperty(LAST_BATCH, deleted);
        exchange.setProperty(DELETED, exchange.getProperty(DELETED, 0L, Long.class) + deleted);
        purged.increment(deleted);
    }

    /** The parameters of {@code insert-retention-audit.sql}, kept by the route as property retentionAudit. */
    public Map<String, Object> auditRow(Exchange exchange) throws JsonProcessingException {
        long deleted = exchange.getProperty(DELETED, 0L, Long.class);
        OffsetDateTime cutoff = exchange.getProperty("cutoff", OffsetDateTime.class);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deleted", deleted);
        details.put("cutoff", cutoff.toInstant().toString());
        details.put("max_age", properties.getMaxAge().toString());
        details.put("batch_size", properties.getBatchSize());
        long held = exchange.getMessage().getHeader("retentionHeld", 0L, Long.class);
        details.put("held_skipped", held);
        Map<String, Object> row = new HashMap<>();
        row.put("id", TimeOrderedUuid.next());
        row.put("accessed_at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        row.put("details", mapper.writeValueAsString(details));
        log.info(
                "Retention purge: deleted {} lineage row(s) created before {}; kept {} under legal hold.",
                deleted,
                cutoff.toInstant(),
                held);
        return row;
    }
}
