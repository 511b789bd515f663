package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.FieldViolation;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a completion message breaks the contract; carries every violation found, not just the first. */
public class InvalidCompletionException extends RefusedCompletionException {

    /** Its problem type; on the queue also the dead-letter reason (ingest.DeadLetterAnnotator). */
    public static final String TYPE = "invalid-completion";

    private static final long serialVersionUID = 1L;

    public InvalidCompletionException(List<FieldViolation> violations) {
        super(400, TYPE, "Invalid completion message", summarise(violations), violations);
    }

    @Override
    protected String detail() {
        return violations().size() + " field(s) are invalid; nothing was stored.";
    }

    private static String summarise(List<FieldViolation> violations) {
        return "Invalid completion message: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}
