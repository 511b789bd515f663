package com.leadfactory.lineage.caller;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /api/me}: the signed-in caller and its effective roles. */
public record Caller(
        @JsonProperty("name") String name,
        @JsonProperty("roles") List<String> roles) {}
