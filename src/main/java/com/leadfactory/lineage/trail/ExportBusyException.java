package com.leadfactory.lineage.trail;

import com.leadfactory.lineage.problem.ProblemException;

/**
 * Every export slot stayed taken for lineage.audit.export-wait: a 503 to retry. An export holds a database
 * connection for as long as its client takes to read it, so exports at once are bounded below the pool's size.
 */
public class ExportBusyException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public ExportBusyException(int slots) {
        super(
                503,
                "export-busy",
                "Export busy",
                "All " + slots + " export slots are in use (lineage.audit.max-concurrent-exports): each export holds"
                        + " a database connection until its client has read it. Try again in a moment, or read a"
                        + " JSON page.",
                null);
    }
}
