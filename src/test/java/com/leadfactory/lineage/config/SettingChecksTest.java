package com.leadfactory.lineage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

/**
 * Every lineage.* number, size and duration that would start a service that misbehaves silently is refused when it
 * is bound, naming the setting and what it must be: no consumers, RabbitMQ's unlimited prefetch, a purge of every
 * record, a batch loop that never ends, a timer without pause, a compare that always answers 503.
 */
class SettingChecksTest {

    @Configuration
    @EnableConfigurationProperties({
        CaptureProperties.class,
        IngestProperties.class,
        ReconcileProperties.class,
        RetentionProperties.class,
        OpenLineageProperties.class,
        CompareProperties.class,
        AuditLogProperties.class,
        AuditProperties.class
    })
    @org.springframework.context.annotation.Import(DurationUnits.class)
    static class AllSettings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(AllSettings.class);

    static Stream<Arguments> settingsThatWouldMisbehave() {
        return Stream.of(
                Arguments.of("lineage.capture.max-compressed-bytes=0", "maxCompressedBytes", "between 4096 and"),
                Arguments.of("lineage.capture.max-body-bytes=0", "maxBodyBytes", "positive size"),
                Arguments.of("lineage.capture.max-bodies-in-progress=0", "maxBodiesInProgress", "positive size"),
                Arguments.of("lineage.capture.capture-wait=-1s", "captureWait", "zero or a positive duration"),
                Arguments.of("lineage.capture.body-read-timeout=0s", "bodyReadTimeout", "positive duration"),
                Arguments.of("lineage.ingest.rabbitmq.concurrent-consumers=0", "concurrentConsumers", "at least 1"),
                Arguments.of("lineage.ingest.rabbitmq.prefetch=0", "prefetch", "between 1 and 65535"),
                Arguments.of("lineage.ingest.rabbitmq.delivery-limit=0", "deliveryLimit", "at least 1"),
                Arguments.of("lineage.ingest.rabbitmq.queue=", "queue", "must not be empty"),
                Arguments.of("lineage.ingest.rabbitmq.retry-delays=0s", "retryDelays", "between 1ms and 24d"),
                Arguments.of("lineage.ingest.rabbitmq.retry-delays=", "retryDelays", "at least one delay"),
                Arguments.of("lineage.ingest.rabbitmq.retry-budget=-1m", "retryBudget", "zero or a positive"),
                Arguments.of(
                        "lineage.ingest.rabbitmq.retry-pause-check-interval=0s",
                        "retryPauseCheckInterval",
                        "positive duration"),
                Arguments.of("lineage.reconcile.interval=0s", "interval", "positive duration"),
                Arguments.of("lineage.reconcile.grace=-5m", "grace", "zero or a positive duration"),
                Arguments.of("lineage.reconcile.batch-size=0", "batchSize", "at least 1"),
                Arguments.of("lineage.retention.max-age=0s", "maxAge", "at least 1d"),
                Arguments.of("lineage.retention.interval=0s", "interval", "positive duration"),
                Arguments.of("lineage.retention.batch-size=0", "batchSize", "at least 1"),
                Arguments.of("lineage.retention.storage-warning-bytes=-1", "storageWarningBytes", "positive size"),
                Arguments.of("lineage.retention.storage-check-interval=0s", "storageCheckInterval", "positive"),
                Arguments.of("lineage.openlineage.poll-interval=0s", "pollInterval", "positive duration"),
                Arguments.of("lineage.openlineage.batch-size=0", "batchSize", "at least 1"),
                Arguments.of("lineage.openlineage.retry-delay=0s", "retryDelay", "positive duration"),
                Arguments.of("lineage.openlineage.retry-delay=10m", "maxRetryDelay", "at least retry-delay"),
                Arguments.of("lineage.openlineage.timeout=0s", "timeout", "positive duration"),
                Arguments.of("lineage.compare.max-document-bytes=0", "maxDocumentBytes", "positive size"),
                Arguments.of("lineage.compare.max-concurrent-diffs=0", "maxConcurrentDiffs", "at least 1"),
                Arguments.of("lineage.compare.diff-wait=-1s", "diffWait", "zero or a positive duration"),
                Arguments.of("lineage.compare.max-changes=-1", "maxChanges", "at least 0"),
                Arguments.of("lineage.audit.checkpoint-interval=0s", "checkpointInterval", "positive duration"),
                Arguments.of("lineage.audit.settle-window=-1m", "settleWindow", "zero or a positive duration"),
                Arguments.of("lineage.audit.batch-size=0", "batchSize", "at least 1"),
                Arguments.of("lineage.audit.origin= ", "origin", "must not be empty"),
                Arguments.of("lineage.audit.max-concurrent-exports=0", "maxConcurrentExports", "at least 1"),
                Arguments.of("lineage.audit.export-wait=-1s", "exportWait", "zero or a positive duration"),
                Arguments.of("lineage.audit.search-timeout=0s", "searchTimeout", "positive duration"),
                Arguments.of("lineage.audit.search-timeout=500us", "searchTimeout", "at least 1ms"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("settingsThatWouldMisbehave")
    void aSettingThatWouldMisbehaveStopsStartUpNamingIt(String setting, String field, String mustBe) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof BindValidationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).as("a binding validation failure").isNotNull();
            assertThat(((BindValidationException) failure).getValidationErrors().getAllErrors())
                    .singleElement()
                    .satisfies(error -> {
                        assertThat(error).isInstanceOf(FieldError.class);
                        assertThat(((FieldError) error).getField()).isEqualTo(field);
                        assertThat(error.getDefaultMessage()).contains(mustBe);
                    });
        });
    }

    @ParameterizedTest(name = "{0} is refused for want of a unit")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "lineage.reconcile.interval=60",
                "lineage.retention.max-age=365",
                "lineage.audit.checkpoint-interval=90",
                "lineage.openlineage.timeout=-10",
                "lineage.ingest.rabbitmq.retry-delays=1s, 5000, 30s"
            })
    void aDurationWithoutAUnitStopsStartUpNamingTheSetting(String setting) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null
                    && !(failure instanceof org.springframework.boot.context.properties.bind.BindException)) {
                failure = failure.getCause();
            }
            assertThat(failure).as("a binding failure").isNotNull();
            var bind = (org.springframework.boot.context.properties.bind.BindException) failure;
            assertThat(bind.getName().toString()).isEqualTo(setting.substring(0, setting.indexOf('=')));
            assertThat(org.assertj.core.util.Throwables.getRootCause(bind).getMessage())
                    .contains("has no unit")
                    .contains("read as milliseconds");
        });
    }

    @Test
    void theDefaultsAndTheValuesTheDocsShowAreAccepted() {
        runner.run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues(
                        "lineage.capture.max-compressed-bytes=2097152",
                        "lineage.capture.capture-wait=0s",
                        "lineage.compare.diff-wait=0",
                        "lineage.ingest.rabbitmq.retry-delays=1s, 5s, 30s, 2m, 5m",
                        "lineage.ingest.rabbitmq.retry-budget=0s",
                        "lineage.reconcile.grace=0s",
                        "lineage.retention.max-age=1d",
                        "lineage.retention.storage-warning-bytes=1B",
                        "lineage.compare.max-changes=0",
                        "lineage.audit.settle-window=0s")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
