package com.leadfactory.lineage.compare;

import com.leadfactory.lineage.problem.ProblemException;

/** A raw-input document above lineage.compare.max-document-bytes: the diff is refused, not attempted. */
public class DocumentTooLargeException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public DocumentTooLargeException(String side, long sizeBytes, long limitBytes) {
        super(
                413,
                "document-too-large-to-diff",
                "Document too large to compare",
                "The raw inputs of " + side + " are " + sizeBytes + " bytes; documents above " + limitBytes
                        + " bytes are not compared (lineage.compare.max-document-bytes). Download both instead.",
                null);
    }
}
