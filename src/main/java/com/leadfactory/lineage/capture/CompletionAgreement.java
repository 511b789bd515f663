package com.leadfactory.lineage.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leadfactory.lineage.db.JsonColumns;
import com.leadfactory.lineage.db.SqlValues;
import com.leadfactory.lineage.problem.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * A capture agrees with its report, or is refused (docs/DESIGN-NOTES.md, "Capture"): the completion's triplet
 * must not contradict its row of d6_report_generations, and a repeat of a captured report must say what the
 * record says. Called from routes/capture-lineage.yaml.
 */
@Component("completionAgreement")
public class CompletionAgreement {

    static final String RECONCILER = "reconciler";

    /**
     * Doors whose completion message the service builds itself (from the report row, from an OpenLineage event):
     * its inputs describe the door, not the sender, so they carry no field digests and are compared on the
     * record's columns only (a late real message after a reconciled capture must not be a conflict).
     */
    static final Set<String> BUILT_BY_THE_SERVICE = Set.of(RECONCILER, "openlineage");

    private static final TypeReference<TreeMap<String, String>> DIGESTS = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The message_digests column of a new row: the message's field digests, or null for a built message. */
    public static String digestsToStore(CompletionMessage completion, String captureSource) {
        if (BUILT_BY_THE_SERVICE.contains(captureSource)) {
            return null;
        }
        try {
            return JSON.writeValueAsString(completion.getFieldDigests());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings could not be written as JSON", e);
        }
    }

    /**
     * @param reportGeneration the d6_report_generations row (id, lead_id, pipeline_run_id, template_version_id), or
     *     null when there is none (yet)
     */
    public void matchesReportGeneration(CompletionMessage completion, Map<String, Object> reportGeneration) {
        if (reportGeneration == null) {
            throw new UnknownReportGenerationException(completion.getReportGenerationId(), null);
        }
        List<FieldViolation> mismatches = new ArrayList<>();
        whereKnown(mismatches, "lead_id", SqlValues.uuid(reportGeneration.get("lead_id")), completion.getLeadId());
        whereKnown(
                mismatches,
                "pipeline_run_id",
                SqlValues.uuid(reportGeneration.get("pipeline_run_id")),
                completion.getPipelineRunId());
        whereKnown(
                mismatches,
                "template_version_id",
                reportGeneration.get("template_version_id"),
                completion.getTemplateVersionId());
        if (!mismatches.isEmpty()) {
            throw new ReportGenerationMismatchException(completion.getReportGenerationId(), mismatches);
        }
    }

    /**
     * @param record the captured record's summary row (select-lineage-summary-by-report-id.sql)
     * @throws ConflictingCompletionException when the repeat differs; an exact repeat passes
     */
    public void matchesCapturedRecord(CompletionMessage completion, Map<String, Object> record) {
        matchesCapturedRecord(completion, record, null, null);
    }

    /**
     * As {@link #matchesCapturedRecord(CompletionMessage, Map)}, and every other field of the message (logs,
     * inputs, pdf.*, unknown fields) is compared by digest with the message the record was captured from. A record
     * captured before digests were stored (or from a message the service built), or a repeat the service built,
     * is compared on the record's columns only.
     *
     * @param storedDigests the record's message_digests column (JSON text, PGobject or bytes), or null
     * @param captureSource the door of this repeat (http, rabbitmq, reconciler, openlineage, demo)
     */
    public void matchesCapturedRecord(
            CompletionMessage completion, Map<String, Object> record, Object storedDigests, String captureSource) {
        if (record == null) {
            // the insert lost on a unique key, yet there is no record to be a repeat of: another table's key refused
            // it (the OpenLineage outbox's (run_id, sequence_no) holding rows of a run whose record is gone)
            throw new IllegalStateException("the capture of report_generation_id " + completion.getReportGenerationId()
                    + " was refused by a unique key, but no lineage record exists for it: look for rows of this report"
                    + " left in another table with a unique key (openlineage_outbox run_id)");
        }
        List<FieldViolation> differences = new ArrayList<>();
        differs(differences, "lead_id", SqlValues.uuid(record.get("lead_id")), completion.getLeadId());
        differs(
                differences,
                "pipeline_run_id",
                SqlValues.uuid(record.get("pipeline_run_id")),
                completion.getPipelineRunId());
        differs(
                differences,
                "template_version_id",
                record.get("template_version_id"),
                completion.getTemplateVersionId());
        String storedPdf = SqlValues.trimmed(record.get("pdf_sha256"));
        if (RECONCILER.equals(record.get("capture_source"))) {
            // the reconciler inferred the timings from the report row; the message that arrives late is not
            // contradicting anything it said, only what was guessed for it
            if (storedPdf != null && completion.getPdfSha256() != null) {
                differs(differences, "pdf.sha256", storedPdf, completion.getPdfSha256());
            }
        } else {
            differs(
                    differences,
                    "pipeline_started_at",
                    SqlValues.instant(record.get("pipeline_start_time")),
                    instant(completion.getPipelineStartedAt()));
            differs(
                    differences,
                    "pipeline_finished_at",
                    SqlValues.instant(record.get("pipeline_end_time")),
                    instant(completion.getPipelineFinishedAt()));
            differs(differences, "pdf.sha256", storedPdf, completion.getPdfSha256());
        }
        String digests = JsonColumns.text(storedDigests);
        if (digests != null && !BUILT_BY_THE_SERVICE.contains(captureSource)) {
            differences.addAll(digestDifferences(readDigests(digests), completion.getFieldDigests()));
        }
        if (!differences.isEmpty()) {
            throw new ConflictingCompletionException(completion.getReportGenerationId(), differences);
        }
    }

    private static List<FieldViolation> digestDifferences(Map<String, String> stored, SortedMap<String, String> sent) {
        Set<String> fields = new TreeSet<>(stored.keySet());
        fields.addAll(sent.keySet());
        List<FieldViolation> differences = new ArrayList<>();
        for (String field : fields) {
            String was = stored.get(field);
            String now = sent.get(field);
            if (!Objects.equals(was, now)) {
                differences.add(new FieldViolation(
                        field,
                        was == null
                                ? "was not in the captured completion; this repeat sends it"
                                : now == null
                                        ? "was in the captured completion; this repeat leaves it out"
                                        : "differs from the captured completion (compared by the SHA-256 of its"
                                                + " canonical JSON)"));
            }
        }
        return differences;
    }

    private static Map<String, String> readDigests(String json) {
        try {
            return JSON.readValue(json, DIGESTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report_lineage.message_digests is not a JSON object of strings", e);
        }
    }

    private static void whereKnown(List<FieldViolation> mismatches, String field, Object known, Object sent) {
        if (known != null && !known.equals(sent)) {
            mismatches.add(new FieldViolation(
                    field, "is " + known + " in the report generation; the completion says " + sent));
        }
    }

    private static void differs(List<FieldViolation> differences, String field, Object stored, Object sent) {
        if (!Objects.equals(stored, sent) && !sameStoredInstant(stored, sent)) {
            differences.add(new FieldViolation(
                    field, "was captured as " + shown(stored) + "; this repeat says " + shown(sent)));
        }
    }

    /** The databases keep microseconds: a timestamp sent with nanoseconds is the same one stored rounded. */
    private static boolean sameStoredInstant(Object stored, Object sent) {
        return stored instanceof Instant a
                && sent instanceof Instant b
                && Duration.between(a, b).abs().compareTo(Duration.ofNanos(1_000)) < 0;
    }

    private static Instant instant(java.time.OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String shown(Object value) {
        return value == null ? "nothing" : value.toString();
    }
}
