package com.leadfactory.lineage.web;

import com.leadfactory.lineage.capture.FieldViolation;
import java.util.List;

/** An RFC 9457 problem document; {@link #toMap()} is what goes on the wire as application/problem+json. */
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
