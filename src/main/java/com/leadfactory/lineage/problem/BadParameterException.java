package com.leadfactory.lineage.problem;

import java.util.List;

/** A query or path parameter the API cannot use; becomes a 400 naming the parameter. */
public class BadParameterException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String reason;

    public BadParameterException(String parameter, String reason) {
        super(400, "invalid-parameter", "Invalid parameter", parameter + ": " + reason, null);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    @Override
    protected List<FieldViolation> errors() {
        return List.of(new FieldViolation(parameter, reason));
    }
}
