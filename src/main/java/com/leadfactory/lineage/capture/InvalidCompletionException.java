package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.FieldViolation;
import com.leadfactory.lineage.problem.Problem;
import com.leadfactory.lineage.problem.ProblemException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a completion message breaks the contract; carries every violation found, not just the first. */
public class InvalidCompletionException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldViolation> violations;

    public InvalidCompletionException(List<FieldViolation> violations) {
        super(summarise(violations));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public Problem problem() {
        return new Problem(
                400,
                "invalid-completion",
                "Invalid completion message",
                violations.size() + " field(s) are invalid; nothing was stored.",
                violations);
    }

    private static String summarise(List<FieldViolation> violations) {
        return "Invalid completion message: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}
