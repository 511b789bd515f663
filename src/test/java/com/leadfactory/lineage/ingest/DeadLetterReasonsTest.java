package com.leadfactory.lineage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadfactory.lineage.capture.CaptureDisabledException;
import com.leadfactory.lineage.problem.ProblemException;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter reasons are the problem types a queued completion can fail with, each taken from the one place it
 * is defined: a new capture problem without a reason, or a reason spelt differently from its problem, fails here.
 */
class DeadLetterReasonsTest {

    /**
     * Problems of capture that never reach the queue: its routes do not run while capture is off, and a queued
     * message arrives whole (the read deadline is HTTP's).
     */
    private static final Set<Class<?>> NOT_ON_THE_QUEUE =
            Set.of(CaptureDisabledException.class, com.leadfactory.lineage.capture.SlowBodyException.class);

    @Test
    void everyProblemCaptureCanThrowIsADeadLetterReason() throws Exception {
        List<JavaClass> problems = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.leadfactory.lineage.capture")
                        .stream()
                        .filter(type -> type.isAssignableTo(ProblemException.class))
                        .filter(type -> !type.getModifiers().contains(JavaModifier.ABSTRACT))
                        .toList();
        assertThat(problems).as("capture's problems").hasSizeGreaterThanOrEqualTo(4);

        for (JavaClass problem : problems) {
            Class<?> type = problem.reflect();
            if (NOT_ON_THE_QUEUE.contains(type)) {
                continue;
            }
            String reason = (String) type.getField("TYPE").get(null);
            assertThat(DeadLetterAnnotator.REASONS)
                    .as("%s (type %s) is a dead-letter reason", type.getSimpleName(), reason)
                    .contains(reason);
        }
    }

    /** README, "Queue ingest", names these; they and their order are unchanged since they were strings here. */
    @Test
    void theReasonsAreTheDocumentedOnes() {
        assertThat(DeadLetterAnnotator.REASONS)
                .containsExactly(
                        "invalid-completion",
                        "conflicting-completion",
                        "report-generation-mismatch",
                        "unknown-report-generation",
                        "database-unavailable",
                        "internal-error");
        assertThat(CaptureRetry.UNKNOWN_REPORT).isEqualTo("unknown-report-generation");
    }

    /** README, "Observability": the counters exist at 0 from the start, the waits' reasons included. */
    @Test
    void everyReasonAWaitCanHaveIsCountedFromZeroWithQueueIngestOn() {
        assertThat(DeadLetterAnnotator.REASONS).containsAll(CaptureRetry.RETRY_REASONS);
        assertThat(CaptureRetry.RETRY_REASONS)
                .containsExactly("unknown-report-generation", "database-unavailable", "internal-error");
        for (boolean enabled : new boolean[] {true, false}) {
            com.leadfactory.lineage.config.IngestProperties properties =
                    new com.leadfactory.lineage.config.IngestProperties();
            properties.setEnabled(enabled);
            io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

            new CaptureRetry(properties, null, null, registry);

            assertThat(registry.find("lineage.ingest.retried").counters())
                    .as("queue ingest %s", enabled ? "on" : "off")
                    .hasSize(enabled ? 3 : 0)
                    .allSatisfy(counter -> assertThat(counter.count()).isZero());
        }
    }
}
