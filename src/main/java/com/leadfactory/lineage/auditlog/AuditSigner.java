package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.config.AuditLogProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The key checkpoints are signed with: {@code lineage.audit.signing-key} (PKCS#8 PEM), else
 * {@code lineage.audit.signing-key-file}, else one generated at start-up (demo and tests: its checkpoints verify
 * only against the public key this instance logs and serves, and only until it stops).
 */
@Component("auditSigner")
public class AuditSigner {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSigner.class);

    private final KeyPair keys;
    private final String origin;

    public AuditSigner(AuditLogProperties properties) {
        this.origin = properties.getOrigin();
        this.keys = load(properties);
    }

    private static KeyPair load(AuditLogProperties properties) {
        if (properties.getSigningKey() != null && !properties.getSigningKey().isBlank()) {
            return AuditKeys.fromPrivatePem(properties.getSigningKey());
        }
        if (properties.getSigningKeyFile() != null
                && !properties.getSigningKeyFile().isBlank()) {
            Path file = Path.of(properties.getSigningKeyFile());
            try {
                return AuditKeys.fromPrivatePem(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "lineage.audit.signing-key-file " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        KeyPair generated = AuditKeys.generate();
        LOG.warn(
                "No lineage.audit.signing-key: audit checkpoints are signed with a key generated for this run only;"
                        + " set lineage.audit.signing-key(-file) in production. Its public key:\n{}",
                AuditKeys.publicPem(generated.getPublic()));
        return generated;
    }

    public SignedCheckpoint sign(long size, byte[] root, String time) {
        return AuditKeys.sign(keys, origin, size, root, time);
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    public String publicKeyPem() {
        return AuditKeys.publicPem(keys.getPublic());
    }

    public String origin() {
        return origin;
    }
}
