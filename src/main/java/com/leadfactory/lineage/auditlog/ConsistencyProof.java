package com.leadfactory.lineage.auditlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The proof that the log of {@code first_size} rows is the start of the log a newer signed checkpoint commits to:
 * the RFC 6962 consistency path (RFC 9162 §2.1.4) between the two roots, and that checkpoint's signed note. Whoever
 * kept the checkpoint of {@code first_size} checks it with its own root, not {@code first_root} (the log's answer),
 * and the public key (README, "Proving the audit trail").
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConsistencyProof(
        @JsonProperty("first_size") long firstSize,
        @JsonProperty("first_root") String firstRoot,
        @JsonProperty("second_size") long secondSize,
        @JsonProperty("second_root") String secondRoot,
        @JsonProperty("consistency_path") List<String> consistencyPath,
        @JsonProperty("checkpoint") String checkpoint) {}
