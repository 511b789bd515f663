package com.leadfactory.lineage.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of search results, newest first; {@code next_cursor} is null on the last page. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LineagePage(
        @JsonProperty("items") List<LineageSummary> items,

        @Schema(nullable = true) @JsonProperty("next_cursor")
        String nextCursor) {}
