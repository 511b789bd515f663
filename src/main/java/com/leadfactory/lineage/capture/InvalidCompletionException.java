package com.leadfactory.lineage.capture;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a completion message breaks the contract; carries every violation found, not just the first. */
public class InvalidCompletionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldViolation> violations;

    public InvalidCompletionException(List<FieldViolation> violations) {
        super(summarise(violations));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String summarise(List<FieldViolation> violations) {
        return "Invalid completion message: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}
