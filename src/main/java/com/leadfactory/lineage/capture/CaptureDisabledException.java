package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.ProblemException;

/** Capture is switched off (lineage.capture.enabled / ENABLE_REPORT_LINEAGE): refuse rather than drop. */
public class CaptureDisabledException extends ProblemException {

    /** Its problem type; never a dead-letter reason: the queue routes do not run while capture is off. */
    public static final String TYPE = "capture-disabled";

    private static final long serialVersionUID = 1L;

    public CaptureDisabledException(String detail) {
        super(503, TYPE, "Capture disabled", detail, null);
    }
}
