package com.leadfactory.lineage.problem;

/** The requested record does not exist (or no longer does); becomes a 404. */
public class NotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String detail) {
        super(404, "not-found", "Not found", detail, null);
    }
}
