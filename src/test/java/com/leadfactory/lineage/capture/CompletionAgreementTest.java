package com.leadfactory.lineage.capture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.problem.FieldViolation;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CompletionAgreementTest {

    private static final UUID REPORT = UUID.fromString("0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");
    private static final UUID LEAD = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID RUN = UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");

    private final CompletionAgreement agreement = new CompletionAgreement();
    private final CompletionValidator validator = new CompletionValidator(new ObjectMapper());

    private CompletionMessage completion(String finishedAt) {
        return validator.validate("{\"report_generation_id\":\"" + REPORT + "\",\"lead_id\":\"" + LEAD
                + "\",\"pipeline_run_id\":\"" + RUN + "\",\"template_version_id\":\"tpl@v1\","
                + "\"pipeline_started_at\":\"2026-11-25T10:00:00Z\",\"pipeline_finished_at\":\"" + finishedAt + "\"}");
    }

    private static Map<String, Object> record(String source, OffsetDateTime finished) {
        Map<String, Object> row = new HashMap<>();
        row.put("lead_id", LEAD);
        row.put("pipeline_run_id", RUN);
        row.put("template_version_id", "tpl@v1");
        row.put("pipeline_start_time", OffsetDateTime.parse("2026-11-25T10:00:00Z"));
        row.put("pipeline_end_time", finished);
        row.put("capture_source", source);
        return row;
    }

    @Test
    void anExactRepeatAgreesEvenWhenTheDatabaseKeptOnlyMicroseconds() {
        assertThatCode(() -> agreement.matchesCapturedRecord(
                        completion("2026-11-25T10:00:42.123456789Z"),
                        record("http", OffsetDateTime.parse("2026-11-25T10:00:42.123457Z"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aRepeatWithAnotherTimeConflicts() {
        assertThatThrownBy(() -> agreement.matchesCapturedRecord(
                        completion("2026-11-25T10:00:43Z"),
                        record("http", OffsetDateTime.parse("2026-11-25T10:00:42Z"))))
                .isInstanceOfSatisfying(
                        ConflictingCompletionException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("pipeline_finished_at"));
    }

    @Test
    void aRecordTheReconcilerInferredIsNotContradictedByTheRealTimings() {
        assertThatCode(() -> agreement.matchesCapturedRecord(
                        completion("2026-11-25T10:00:43Z"),
                        record("reconciler", OffsetDateTime.parse("2026-11-25T10:09:00Z"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingReportGenerationIsUnknownNotAMismatch() {
        assertThatThrownBy(() -> agreement.matchesReportGeneration(completion("2026-11-25T10:00:42Z"), null))
                .isInstanceOf(UnknownReportGenerationException.class);
    }
}
