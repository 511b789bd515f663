package com.leadfactory.lineage.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The application/problem+json document (RFC 9457) every error response carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("instance") String instance,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("errors") List<Error> errors) {

    /** One offending field of a message, or one offending request parameter. */
    public record Error(
            @JsonProperty("field") String field,
            @JsonProperty("message") String message) {}
}
