package com.leadfactory.lineage.capture;

/** One offending field of a rejected completion message; {@code field} uses dotted paths such as {@code pdf.sha256}. */
public record FieldViolation(String field, String message) {}
