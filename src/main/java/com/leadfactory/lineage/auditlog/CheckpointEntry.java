package com.leadfactory.lineage.auditlog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One signed checkpoint as the database keeps it; {@code note} is the signed text to keep a copy of. */
public record CheckpointEntry(
        @JsonProperty("size") long size,
        @JsonProperty("root_hash") String rootHash,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("note") String note) {}
