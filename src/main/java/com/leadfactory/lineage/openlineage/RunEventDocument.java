package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The request body of {@code POST /api/v1/lineage} as the OpenAPI document shows it: an OpenLineage 2-0-2 RunEvent
 * (https://openlineage.io/spec/2-0-2/OpenLineage.json). Documentation only; the event is read as a JSON tree by
 * {@link OpenLineageIntake}.
 */
public record RunEventDocument(
        @JsonProperty("eventType") String eventType,
        @JsonProperty("eventTime") String eventTime,
        @JsonProperty("producer") String producer,
        @JsonProperty("schemaURL") String schemaUrl,
        @JsonProperty("run") Map<String, Object> run,
        @JsonProperty("job") Map<String, Object> job,
        @JsonProperty("inputs") List<Map<String, Object>> inputs,
        @JsonProperty("outputs") List<Map<String, Object>> outputs) {}
