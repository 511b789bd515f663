package com.leadfactory.lineage.capture;

import com.leadfactory.lineage.problem.ProblemException;

/** Capture is switched off (lineage.capture.enabled / ENABLE_REPORT_LINEAGE): refuse rather than drop. */
public class CaptureDisabledException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public CaptureDisabledException(String detail) {
        super(503, "capture-disabled", "Capture disabled", detail, null);
    }
}
