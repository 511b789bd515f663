package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.problem.ProblemException;

/** A verification asked for while this instance is already running one (a 503 to retry: AuditLogApi#verify). */
public class VerifyBusyException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public VerifyBusyException() {
        super(
                503,
                "verify-busy",
                "Verification busy",
                "A verification of the audit log is already running on this instance; it reads every audit row, so"
                        + " one runs at a time. Try again when it has finished (the CLI, verify-audit, is not"
                        + " limited).",
                null);
    }
}
