package com.leadfactory.lineage.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One difference between two JSON documents: {@code added} (only in b: {@code b} holds the value),
 * {@code removed} (only in a: {@code a}) or {@code changed} (both values). Paths are described in
 * docs/ARCHITECTURE.md, 'Comparing two reports'.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonChange(
        @JsonProperty("op") String op,
        @JsonProperty("path") String path,
        @JsonProperty("a") Object a,
        @JsonProperty("b") Object b) {

    public static final String ADDED = "added";
    public static final String REMOVED = "removed";
    public static final String CHANGED = "changed";
}
