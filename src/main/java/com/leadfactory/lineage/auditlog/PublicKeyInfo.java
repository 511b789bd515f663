package com.leadfactory.lineage.auditlog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The key checkpoints are signed with, for anyone who wants to verify them, and the keys it replaced
 * ({@code lineage.audit.previous-public-keys}), which the log's older checkpoints are signed with.
 */
public record PublicKeyInfo(
        @JsonProperty("origin") String origin,
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("public_key") String publicKey,
        @JsonProperty("previous_keys") List<PreviousPublicKey> previousKeys) {

    /** A key the log was signed with before a rotation. */
    public record PreviousPublicKey(
            @JsonProperty("key_id") String keyId,
            @JsonProperty("public_key") String publicKey) {}
}
