package com.leadfactory.lineage.trail;

import com.leadfactory.lineage.problem.ProblemException;

/** An export asked for while every export slot of this instance is streaming (a 503 to retry: AuditExport). */
public class ExportBusyException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public ExportBusyException(int slots) {
        super(
                503,
                "export-busy",
                "Export busy",
                "All " + slots + " audit export slots of this instance are streaming"
                        + " (lineage.audit.max-concurrent-exports); try again when one has finished.",
                null);
    }
}
