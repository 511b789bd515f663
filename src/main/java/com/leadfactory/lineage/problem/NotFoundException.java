package com.leadfactory.lineage.problem;

/** The requested record does not exist (or no longer does); becomes a 404. */
public class NotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public Problem problem() {
        return Problem.of(404, "not-found", "Not found", getMessage());
    }
}
