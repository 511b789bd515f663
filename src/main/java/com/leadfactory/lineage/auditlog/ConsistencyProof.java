package com.leadfactory.lineage.auditlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * That a later signed checkpoint extends an earlier one: both signed notes and the RFC 6962 consistency proof
 * between their trees, so whoever kept a copy of the earlier checkpoint can check, without the log, that the log
 * only grew since (README, "Proving the audit trail").
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConsistencyProof(
        @JsonProperty("first_size") long firstSize,
        @JsonProperty("first_root") String firstRoot,
        @JsonProperty("first_checkpoint") String firstCheckpoint,
        @JsonProperty("second_size") long secondSize,
        @JsonProperty("second_root") String secondRoot,
        @JsonProperty("second_checkpoint") String secondCheckpoint,
        @JsonProperty("proof") List<String> proof) {}
