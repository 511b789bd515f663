package com.leadfactory.lineage.auditlog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The key checkpoints are signed with, for anyone who wants to verify them. */
public record PublicKeyInfo(
        @JsonProperty("origin") String origin,
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("public_key") String publicKey) {}
