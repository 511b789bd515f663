package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.FieldViolation;
import com.leadfactory.lineage.problem.ProblemException;
import java.util.List;

/**
 * A completion refused for what it says, which no retry can change: invalid, contradicting its report generation,
 * or repeating a captured report with different content. Nothing is stored; over HTTP it is a 4xx naming the
 * fields, on the queue it is dead-lettered at once with its reason.
 */
public abstract class RefusedCompletionException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldViolation> violations;

    protected RefusedCompletionException(
            int status, String type, String title, String detail, List<FieldViolation> violations) {
        super(status, type, title, detail, null);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    protected List<FieldViolation> errors() {
        return violations;
    }
}
