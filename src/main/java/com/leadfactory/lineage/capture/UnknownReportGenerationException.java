package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.ProblemException;

/**
 * The completion names a report generation the database does not have (yet): the lineage row's foreign key
 * refused it. Becomes a 422 over HTTP; a queued message is retried briefly (the report row may not be committed
 * yet) and then dead-lettered. The database's own exception stays the cause, so error handling that matches on
 * it still sees it.
 */
public class UnknownReportGenerationException extends ProblemException {

    /** Its problem type; on the queue also the dead-letter reason (ingest.DeadLetterAnnotator). */
    public static final String TYPE = "unknown-report-generation";

    private static final long serialVersionUID = 1L;

    public UnknownReportGenerationException(Object reportGenerationId, Throwable cause) {
        super(
                422,
                TYPE,
                "Unknown report generation",
                "report_generation_id " + reportGenerationId + " does not name a row of d6_report_generations;"
                        + " nothing was stored. Post the completion after the report generation is committed.",
                cause);
    }
}
