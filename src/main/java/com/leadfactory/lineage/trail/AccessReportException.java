package com.leadfactory.lineage.trail;

import com.leadfactory.lineage.problem.FieldViolation;
import com.leadfactory.lineage.problem.ProblemException;
import java.util.List;

/**
 * An access report {@code POST /api/lineage/{lineage_id}/audit} cannot record: 400 for fields that break a rule,
 * 409 for a resent {@code event_id} whose content differs from the row already written. Either way every
 * offending field is named and nothing is written.
 */
public class AccessReportException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldViolation> violations;

    private AccessReportException(int status, String type, String title, String detail, List<FieldViolation> v) {
        super(status, type, title, detail, null);
        this.violations = List.copyOf(v);
    }

    static AccessReportException invalid(List<FieldViolation> violations) {
        return new AccessReportException(
                400,
                "invalid-access-report",
                "Invalid access report",
                "the access report breaks a rule in "
                        + String.join(
                                ", ",
                                violations.stream().map(FieldViolation::field).toList())
                        + "; nothing was recorded",
                violations);
    }

    static AccessReportException conflicting(String eventId, List<FieldViolation> differences) {
        return new AccessReportException(
                409,
                "conflicting-access-report",
                "Conflicting access report",
                "event_id " + eventId + " was already recorded by this client with different "
                        + String.join(
                                ", ",
                                differences.stream().map(FieldViolation::field).toList())
                        + "; the recorded row is unchanged. A resent event must be identical.",
                differences);
    }

    @Override
    protected List<FieldViolation> errors() {
        return violations;
    }
}
