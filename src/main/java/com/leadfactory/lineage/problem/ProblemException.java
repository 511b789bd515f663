package com.leadfactory.lineage.problem;

import java.util.List;

/**
 * A failure that knows the problem it becomes: its status, type and title, with the exception's message as the
 * detail. The HTTP answer ({@code web.ProblemResponder}) and the reason a queued message is dead-lettered with
 * ({@code ingest.DeadLetterAnnotator}) both read it through {@link Problems#of}, so neither needs to know which
 * capability threw it.
 */
public abstract class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;

    protected ProblemException(int status, String type, String title, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** The problem document this failure is answered with. */
    public final Problem problem() {
        return new Problem(status, type, title, detail(), errors());
    }

    /** What a client reads; the exception's message unless a failure words it for clients differently. */
    protected String detail() {
        return getMessage();
    }

    /** The offending fields or parameters, for a failure that has them. */
    protected List<FieldViolation> errors() {
        return List.of();
    }
}
