package com.leadfactory.lineage.auditlog;

import com.leadfactory.lineage.config.AuditLogProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The key checkpoints are signed with: {@code lineage.audit.signing-key} (PKCS#8 PEM), else
 * {@code lineage.audit.signing-key-file} (made on first start when {@code create-signing-key-file}, the zero-setup
 * run's default), else one generated at start-up (its checkpoints verify only against the public key this
 * instance logs and serves, and only until it stops).
 */
@Component("auditSigner")
public class AuditSigner {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSigner.class);

    private final KeyPair keys;
    private final String origin;
    private final List<PublicKey> previousKeys;
    private final String keySetting;

    public AuditSigner(AuditLogProperties properties) {
        this.origin = properties.getOrigin();
        this.keySetting = setting(properties);
        this.keys = load(properties);
        this.previousKeys = previous(properties.getPreviousPublicKeys());
    }

    /**
     * The setting that gave the key, or null when the key is this run's own (generated, or a key file made at this
     * start): a key someone chose can be wrong for the log, and then start-up says so (AuditCheckpointer).
     */
    private static String setting(AuditLogProperties properties) {
        if (properties.getSigningKey() != null && !properties.getSigningKey().isBlank()) {
            return "lineage.audit.signing-key";
        }
        String file = properties.getSigningKeyFile();
        if (file != null && !file.isBlank() && (!properties.isCreateSigningKeyFile() || Files.exists(Path.of(file)))) {
            return "lineage.audit.signing-key-file " + file;
        }
        return null;
    }

    /** {@code lineage.audit.previous-public-keys}: each PEM text or a file holding it; a bad one stops start-up. */
    private static List<PublicKey> previous(List<String> entries) {
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String name = "lineage.audit.previous-public-keys[" + i + "]";
            try {
                keys.add(AuditKeys.fromPublicPem(
                        entry.contains("-----BEGIN") ? entry : Files.readString(Path.of(entry.trim()))));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        name + " is neither an Ed25519 public key in PEM nor a readable file holding one: "
                                + e.getMessage(),
                        e);
            }
        }
        return List.copyOf(keys);
    }

    private static KeyPair load(AuditLogProperties properties) {
        if (properties.getSigningKey() != null && !properties.getSigningKey().isBlank()) {
            try {
                return AuditKeys.fromPrivatePem(properties.getSigningKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "lineage.audit.signing-key is not an Ed25519 private key in PKCS#8 PEM (openssl genpkey"
                                + " -algorithm ed25519): " + e.getMessage(),
                        e);
            }
        }
        if (properties.getSigningKeyFile() != null
                && !properties.getSigningKeyFile().isBlank()) {
            Path file = Path.of(properties.getSigningKeyFile());
            try {
                if (properties.isCreateSigningKeyFile() && !Files.exists(file)) {
                    return created(file);
                }
                return AuditKeys.fromPrivatePem(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "lineage.audit.signing-key-file " + file + " cannot be read: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                // a public key, another algorithm, a damaged file: say which setting and file, not just "PEM"
                throw new IllegalStateException(
                        "lineage.audit.signing-key-file " + file + " does not hold an Ed25519 private key in PKCS#8"
                                + " PEM (openssl genpkey -algorithm ed25519): " + e.getMessage(),
                        e);
            }
        }
        KeyPair generated = AuditKeys.generate();
        LOG.warn(
                "No lineage.audit.signing-key: audit checkpoints are signed with a key generated for this run only;"
                        + " set lineage.audit.signing-key(-file) in production. Its public key:\n{}",
                AuditKeys.publicPem(generated.getPublic()));
        return generated;
    }

    /** A new key in a new file, readable by its owner only where the file system says who owns what. */
    private static KeyPair created(Path file) throws IOException {
        KeyPair generated = AuditKeys.generate();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, AuditKeys.privatePem(generated.getPrivate()));
        try {
            Files.setPosixFilePermissions(
                    temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions protect it
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.warn(
                "lineage.audit.signing-key-file {} did not exist: made a new audit signing key there (the zero-setup"
                        + " default; in production give the service a key of your own). Its public key:\n{}",
                file.toAbsolutePath(),
                AuditKeys.publicPem(generated.getPublic()));
        return generated;
    }

    public SignedCheckpoint sign(long size, byte[] root, String time) {
        return AuditKeys.sign(keys, origin, size, root, time);
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** The keys a checkpoint of this log may be signed with: the signing key's, then the previous ones. */
    public List<PublicKey> verificationKeys() {
        List<PublicKey> all = new ArrayList<>();
        all.add(keys.getPublic());
        all.addAll(previousKeys);
        return all;
    }

    public List<PublicKey> previousKeys() {
        return previousKeys;
    }

    /** Where the signing key came from ({@code lineage.audit.signing-key-file <path>}), null when made for this run. */
    public String keySetting() {
        return keySetting;
    }

    /** The signing key's id in this log's notes, as hex (as GET /api/audit/public-key shows it). */
    public String keyIdHex() {
        return java.util.HexFormat.of().formatHex(AuditKeys.keyId(origin, keys.getPublic()));
    }

    public String publicKeyPem() {
        return AuditKeys.publicPem(keys.getPublic());
    }

    public String origin() {
        return origin;
    }
}
