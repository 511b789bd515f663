package com.leadfactory.lineage.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GET /api/templates's answer: every template version, newest capture first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TemplateList(@JsonProperty("templates") List<TemplateVersion> templates) {}
