package com.leadfactory.lineage.compare;

import com.leadfactory.lineage.problem.ProblemException;

/** A raw-input document above lineage.compare.max-document-bytes: the diff is refused, not attempted. */
public class DocumentTooLargeException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public DocumentTooLargeException(String side, long sizeBytes, long limitBytes) {
        this("The raw inputs of " + side + " are " + sizeBytes + " bytes; documents above " + limitBytes
                + " bytes are not compared (lineage.compare.max-document-bytes). Download both instead.");
    }

    private DocumentTooLargeException(String detail) {
        super(413, "document-too-large-to-diff", "Document too large to compare", detail, null);
    }

    /** Nested deeper than any document capture stores (so not one it stored): refused, never recursed into. */
    static DocumentTooLargeException tooDeep(String side, int maxDepth) {
        return new DocumentTooLargeException("The raw inputs of " + side + " nest deeper than " + maxDepth
                + " levels, more than capture stores; they are not compared. Download both instead.");
    }
}
