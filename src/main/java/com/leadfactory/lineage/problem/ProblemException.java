package com.leadfactory.lineage.problem;

/**
 * A failure that knows the problem it becomes. The HTTP answer ({@code web.ProblemResponder}) and the reason a
 * queued message is dead-lettered with ({@code ingest.DeadLetterAnnotator}) both read it through {@link
 * Problems#of}, so neither needs to know which capability threw it.
 */
public abstract class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ProblemException(String message) {
        super(message);
    }

    protected ProblemException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The problem document this failure is answered with. */
    public abstract Problem problem();
}
