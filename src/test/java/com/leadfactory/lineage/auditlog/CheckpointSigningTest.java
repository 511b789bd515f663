package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.config.AuditLogProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys, signed notes and the canonical row. The note format and key id are held to the reference example of Go's
 * golang.org/x/mod/sumdb/note (the PeterNeumann key): Ed25519 is deterministic, so the JDK must produce the
 * published signature byte for byte.
 */
class CheckpointSigningTest {

    private static final String GO_SEED = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER = "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT =
            "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private static final String GO_SIGNATURE =
            "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

    /** The Go example's private key as PKCS#8 PEM (RFC 8410 prefix + the 32-byte seed). */
    private static String goPrivatePem() {
        byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode(GO_SEED), 1, 33);
        byte[] der = new byte[16 + 32];
        System.arraycopy(HexFormat.of().parseHex("302e020100300506032b657004220420"), 0, der, 0, 16);
        System.arraycopy(seed, 0, der, 16, 32);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void theJdkSignsTheGoSignedNoteExampleByteForByte() {
        KeyPair keys = AuditKeys.fromPrivatePem(goPrivatePem());
        byte[] expectedPublic = Arrays.copyOfRange(Base64.getDecoder().decode(GO_VERIFIER), 1, 33);
        assertThat(AuditKeys.raw(keys.getPublic())).isEqualTo(expectedPublic);
        assertThat(HexFormat.of().formatHex(AuditKeys.keyId("PeterNeumann", keys.getPublic())))
                .isEqualTo("c74f20a3");
        byte[] blob = Base64.getDecoder().decode(GO_SIGNATURE);
        assertThat(Arrays.copyOfRange(blob, 0, 4)).isEqualTo(AuditKeys.keyId("PeterNeumann", keys.getPublic()));
        assertThat(AuditKeys.signBytes(keys.getPrivate(), GO_TEXT.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Arrays.copyOfRange(blob, 4, blob.length));
    }

    @Test
    void aCheckpointNoteRoundTripsAndVerifiesOnlyWithItsKeyAndText() {
        KeyPair keys = AuditKeys.generate();
        byte[] root = Merkle.leafHash(new byte[] {1});
        SignedCheckpoint note = AuditKeys.sign(keys, "example/audit", 42, root, "2026-11-26T12:00:00.000001Z");
        assertThat(note.text())
                .startsWith("example/audit\n42\n" + Base64.getEncoder().encodeToString(root)
                        + "\n2026-11-26T12:00:00.000001Z\n\n\u2014 example/audit ");
        SignedCheckpoint parsed = SignedCheckpoint.parse(note.text());
        assertThat(parsed.size()).isEqualTo(42);
        assertThat(parsed.root()).isEqualTo(root);
        assertThat(AuditKeys.verify(keys.getPublic(), parsed)).isTrue();
        assertThat(AuditKeys.verify(AuditKeys.generate().getPublic(), parsed)).isFalse();
        SignedCheckpoint grown = new SignedCheckpoint(
                parsed.origin(), 43, parsed.root(), parsed.time(), parsed.keyId(), parsed.signature());
        assertThat(AuditKeys.verify(keys.getPublic(), grown)).isFalse();

        assertThatThrownBy(() -> SignedCheckpoint.parse("hello\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedCheckpoint.parse(note.text().replace("\u2014 example/audit", "\u2014 other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not name the origin");
        assertThatThrownBy(() -> SignedCheckpoint.parse(note.text().replace("\n42\n", "\nforty-two\n")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysComeFromPemTextOrAFileOrAreGeneratedForTheRun(@TempDir Path dir) throws Exception {
        KeyPair keys = AuditKeys.generate();
        String pem = AuditKeys.privatePem(keys.getPrivate());
        assertThat(AuditKeys.fromPrivatePem(pem).getPublic().getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
        assertThat(AuditKeys.fromPublicPem(AuditKeys.publicPem(keys.getPublic()))
                        .getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());

        AuditLogProperties fromText = new AuditLogProperties();
        fromText.setSigningKey(pem);
        assertThat(new AuditSigner(fromText).publicKeyPem()).isEqualTo(AuditKeys.publicPem(keys.getPublic()));

        Path file = dir.resolve("audit.pem");
        Files.writeString(file, pem);
        AuditLogProperties fromFile = new AuditLogProperties();
        fromFile.setSigningKeyFile(file.toString());
        AuditSigner signer = new AuditSigner(fromFile);
        assertThat(signer.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(AuditKeys.verify(keys.getPublic(), signer.sign(1, Merkle.EMPTY_ROOT, "2026-01-01T00:00:00.000000Z")))
                .isTrue();

        AuditLogProperties missing = new AuditLogProperties();
        missing.setSigningKeyFile(dir.resolve("none.pem").toString());
        assertThatThrownBy(() -> new AuditSigner(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lineage.audit.signing-key-file");

        assertThat(new AuditSigner(new AuditLogProperties()).publicKey()).isNotNull();
        assertThatThrownBy(() -> AuditKeys.fromPrivatePem("not a key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditKeys.fromPublicPem(
                        AuditKeys.publicPem(keys.getPublic()).replace("M", "A")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCanonicalRowTellsNullFromEmptyAndNormalisesTimes() {
        Map<String, String> row = new HashMap<>();
        row.put("id", "0190f0a0-0000-7000-8000-000000000001");
        row.put("action", "lookup");
        row.put("user_agent", null);
        Map<String, String> empty = new HashMap<>(row);
        empty.put("user_agent", "");
        assertThat(CanonicalRow.leafHash(row)).isNotEqualTo(CanonicalRow.leafHash(empty));
        // moving text from one column to the next is a different row
        Map<String, String> shifted = new HashMap<>(row);
        shifted.put("action", null);
        shifted.put("user_id", "lookup");
        assertThat(CanonicalRow.leafHash(row)).isNotEqualTo(CanonicalRow.leafHash(shifted));

        assertThat(CanonicalRow.time(OffsetDateTime.of(2026, 11, 26, 14, 0, 5, 123_456_789, ZoneOffset.ofHours(2))))
                .isEqualTo("2026-11-26T12:00:05.123456Z");
        assertThat(CanonicalRow.time(null)).isNull();
        assertThat(CanonicalRow.encode(Map.of()))
                .hasSize(1 + 4 + CanonicalRow.FORMAT.length() + CanonicalRow.COLUMNS.size());
    }
}
