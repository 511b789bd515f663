package com.leadfactory.lineage.capture;

/** Capture is switched off (lineage.capture.enabled / ENABLE_REPORT_LINEAGE): refuse rather than drop. */
public class CaptureDisabledException extends RuntimeException {

    public CaptureDisabledException(String message) {
        super(message);
    }
}
