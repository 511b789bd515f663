package com.leadfactory.lineage.problem;

/** One offending field of a message or request parameter; {@code field} uses dotted paths such as {@code pdf.sha256}. */
public record FieldViolation(String field, String message) {}
