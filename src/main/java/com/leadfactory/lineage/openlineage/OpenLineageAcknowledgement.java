package com.leadfactory.lineage.openlineage;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to an OpenLineage event {@code POST /api/v1/lineage} took without storing anything, and why. */
public record OpenLineageAcknowledgement(
        @JsonProperty("stored") boolean stored,
        @JsonProperty("reason") String reason) {}
