package com.leadfactory.lineage.web;

/** A request body above the configured limit; becomes a 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("The request body exceeds the limit of " + limitBytes + " bytes (lineage.capture.max-body-bytes).");
    }
}
