package com.leadfactory.lineage.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One template version: how many records used it, when first and last, and the search that lists them. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TemplateVersion(
        @JsonProperty("template_version_id") String templateVersionId,
        @JsonProperty("report_count") long reportCount,
        @JsonProperty("first_captured_at") String firstCapturedAt,
        @JsonProperty("last_captured_at") String lastCapturedAt,
        @JsonProperty("search") String search) {}
