package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.FieldViolation;
import com.leadfactory.lineage.problem.ProblemException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a completion message breaks the contract; carries every violation found, not just the first. */
public class InvalidCompletionException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldViolation> violations;

    public InvalidCompletionException(List<FieldViolation> violations) {
        super(400, "invalid-completion", "Invalid completion message", summarise(violations), null);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    protected String detail() {
        return violations.size() + " field(s) are invalid; nothing was stored.";
    }

    @Override
    protected List<FieldViolation> errors() {
        return violations;
    }

    private static String summarise(List<FieldViolation> violations) {
        return "Invalid completion message: "
                + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}
