package com.leadfactory.lineage.problem;

/** A request body above a configured limit; becomes a 413 that names the limit and the setting. */
public class PayloadTooLargeException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(long limitBytes, String setting) {
        super(
                413,
                "payload-too-large",
                "Payload too large",
                "The request body exceeds the limit of " + limitBytes + " bytes (" + setting + ").",
                null);
    }
}
