package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.FieldViolation;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a completion message breaks the contract; carries every violation found, not just the first. */
public class InvalidCompletionException extends RefusedCompletionException {

    private static final long serialVersionUID = 1L;

    public InvalidCompletionException(List<FieldViolation> violations) {
        super(400, "invalid-completion", "Invalid completion message", summarise(violations), violations);
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
