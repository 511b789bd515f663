package com.leadfactory.lineage.problem;

import java.util.List;

/** A query or path parameter the API cannot use; becomes a 400 naming the parameter. */
public class BadParameterException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final List<FieldViolation> violations;

    public BadParameterException(String parameter, String reason) {
        this(List.of(new FieldViolation(parameter, reason)));
    }

    /** Several parameters at once: the 400 names each (README: a 400's errors name every offending parameter). */
    public BadParameterException(List<FieldViolation> violations) {
        super(
                400,
                "invalid-parameter",
                "Invalid parameter",
                String.join(
                        "; ",
                        violations.stream()
                                .map(v -> v.field() + ": " + v.message())
                                .toList()),
                null);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a bad-parameter problem names at least one parameter");
        }
        this.violations = List.copyOf(violations);
    }

    /** The first parameter named. */
    public String parameter() {
        return violations.get(0).field();
    }

    @Override
    protected List<FieldViolation> errors() {
        return violations;
    }
}
