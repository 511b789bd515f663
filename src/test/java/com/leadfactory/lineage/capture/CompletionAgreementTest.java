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
    void aLostInsertWithoutARecordSaysWhichKeyToLookAtNotANullPointer() {
        assertThatThrownBy(() -> agreement.matchesCapturedRecord(completion("2026-11-25T10:00:42Z"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(REPORT.toString())
                .hasMessageContaining("openlineage_outbox");
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

    private CompletionMessage withExtras(String extras) {
        return validator.validate("{\"report_generation_id\":\"" + REPORT + "\",\"lead_id\":\"" + LEAD
                + "\",\"pipeline_run_id\":\"" + RUN + "\",\"template_version_id\":\"tpl@v1\","
                + "\"pipeline_started_at\":\"2026-11-25T10:00:00Z\",\"pipeline_finished_at\":\"2026-11-25T10:00:42Z\""
                + extras + "}");
    }

    @Test
    void digestsNameTheFieldsThatDifferAndIgnoreKeyOrder() {
        OffsetDateTime finished = OffsetDateTime.parse("2026-11-25T10:00:42Z");
        CompletionMessage first =
                withExtras(",\"pipeline_logs\":[{\"msg\":\"x\",\"level\":\"INFO\"}],\"inputs\":{\"a\":1,\"b\":2}");
        String stored = CompletionAgreement.digestsToStore(first, "http");
        assertThatCode(() -> agreement.matchesCapturedRecord(
                        withExtras(
                                ",\"inputs\":{\"b\":2,\"a\":1},\"pipeline_logs\":[{\"level\":\"INFO\",\"msg\":\"x\"}]"),
                        record("http", finished),
                        stored,
                        "rabbitmq"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> agreement.matchesCapturedRecord(
                        withExtras(
                                ",\"pipeline_logs\":[{\"msg\":\"y\",\"level\":\"INFO\"}],\"inputs\":{\"a\":1},\"z\":0"),
                        record("http", finished),
                        stored,
                        "http"))
                .isInstanceOfSatisfying(
                        ConflictingCompletionException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("inputs", "pipeline_logs", "z"));
    }

    @Test
    void messagesTheServiceBuildsAreComparedOnTheRecordOnly() {
        OffsetDateTime finished = OffsetDateTime.parse("2026-11-25T10:00:42Z");
        String stored = CompletionAgreement.digestsToStore(withExtras(",\"pipeline_logs\":[1]"), "http");
        // the reconciler's or OpenLineage intake's own inputs are not the sender's content: no conflict
        for (String door : java.util.List.of("reconciler", "openlineage")) {
            assertThatCode(() -> agreement.matchesCapturedRecord(
                            withExtras(",\"inputs\":{\"reconciled\":true}"), record("http", finished), stored, door))
                    .doesNotThrowAnyException();
            org.assertj.core.api.Assertions.assertThat(CompletionAgreement.digestsToStore(withExtras(""), door))
                    .isNull();
        }
        // a record captured before digests were stored: the record's columns only, as before
        assertThatCode(() -> agreement.matchesCapturedRecord(
                        withExtras(",\"pipeline_logs\":[2]"), record("http", finished), null, "http"))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingReportGenerationIsUnknownNotAMismatch() {
        assertThatThrownBy(() -> agreement.matchesReportGeneration(completion("2026-11-25T10:00:42Z"), null))
                .isInstanceOf(UnknownReportGenerationException.class);
    }
}
