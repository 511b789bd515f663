package com.leadfactory.lineage.problem;

import java.util.List;

/**
 * An RFC 9457 problem: what went wrong, as a status, a stable type (also the dead-letter reason) and words for a
 * person; {@link #toBody} is what goes on the wire as {@code application/problem+json}.
 */
public record Problem(int status, String type, String title, String detail, List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, type, title, detail, List.of());
    }

    public ProblemBody toBody(String instance, String requestId) {
        return new ProblemBody(
                "urn:lineage:problem:" + type,
                title,
                status,
                detail,
                instance,
                requestId,
                errors.isEmpty()
                        ? null
                        : errors.stream()
                                .map(e -> new ProblemBody.Error(e.field(), e.message()))
                                .toList());
    }
}
