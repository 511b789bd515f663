package com.leadfactory.lineage.trail;

import com.leadfactory.lineage.problem.ProblemException;
import java.time.Duration;

/**
 * A search of the whole audit trail ran longer than lineage.audit.search-timeout and the database cancelled it: a
 * 504, since the same search would only time out again, and what helps is a narrower one (docs/DESIGN-NOTES.md, "A
 * bound on a search of the whole trail").
 */
public class AuditSearchTimeoutException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public AuditSearchTimeoutException(Duration timeout, Throwable cause) {
        super(
                504,
                "audit-search-timeout",
                "Audit search timed out",
                "The search ran longer than " + AuditSearchTimeout.describe(timeout)
                        + " (lineage.audit.search-timeout) and was cancelled; nothing was read. "
                        + AuditSearchTimeout.ADVICE,
                cause);
    }
}
