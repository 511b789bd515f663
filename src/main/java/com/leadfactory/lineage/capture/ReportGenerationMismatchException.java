package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.FieldViolation;
import java.util.List;

/**
 * A completion whose triplet contradicts its own row of d6_report_generations (where that row has the field): one
 * of the two is wrong, and storing the lineage would record the contradiction as fact. A 422 naming the fields.
 */
public class ReportGenerationMismatchException extends RefusedCompletionException {

    /** Its problem type; on the queue also the dead-letter reason (ingest.DeadLetterAnnotator). */
    public static final String TYPE = "report-generation-mismatch";

    private static final long serialVersionUID = 1L;

    public ReportGenerationMismatchException(Object reportGenerationId, List<FieldViolation> mismatches) {
        super(
                422,
                TYPE,
                "Completion contradicts its report generation",
                "The completion's "
                        + String.join(
                                ", ",
                                mismatches.stream().map(FieldViolation::field).toList())
                        + " differ from d6_report_generations row " + reportGenerationId
                        + "; nothing was stored.",
                mismatches);
    }
}
