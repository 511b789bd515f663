package com.leadfactory.lineage.auditlog;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * An instance started with a signing key that does not verify the audit log's last checkpoint: Spring's report
 * ("APPLICATION FAILED TO START") says which key signed it, which one this instance has and what to set, in place of
 * a bean-creation stack trace.
 */
public class SignerMismatchFailureAnalyzer extends AbstractFailureAnalyzer<AuditCheckpointer.SignerMismatch> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuditCheckpointer.SignerMismatch cause) {
        return new FailureAnalysis(cause.what(), cause.action() + ".", cause);
    }
}
