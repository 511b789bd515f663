package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.FieldViolation;
import java.util.List;

/**
 * A completion for a report already captured, with different content: the record meant to expose upstream bugs
 * must not hide this one behind a 200. A 409 naming every field that differs; the stored record is unchanged.
 */
public class ConflictingCompletionException extends RefusedCompletionException {

    /** Its problem type; on the queue also the dead-letter reason (ingest.DeadLetterAnnotator). */
    public static final String TYPE = "conflicting-completion";

    private static final long serialVersionUID = 1L;

    public ConflictingCompletionException(Object reportGenerationId, List<FieldViolation> differences) {
        super(
                409,
                TYPE,
                "Conflicting completion",
                "report_generation_id " + reportGenerationId + " was already captured with different "
                        + String.join(
                                ", ",
                                differences.stream().map(FieldViolation::field).toList())
                        + "; the stored record is unchanged. A repeat must be identical; fix the sender.",
                differences);
    }
}
