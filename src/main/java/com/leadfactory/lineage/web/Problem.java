package com.leadfactory.lineage.web;

import com.leadfactory.lineage.capture.FieldViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document; {@link #toMap()} is what goes on the wire as application/problem+json. */
public record Problem(int status, String type, String title, String detail, List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, type, title, detail, List.of());
    }

    public Map<String, Object> toMap(String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:lineage:problem:" + type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        if (!errors.isEmpty()) {
            body.put(
                    "errors",
                    errors.stream()
                            .map(e -> Map.of("field", e.field(), "message", e.message()))
                            .toList());
        }
        return body;
    }
}
