package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.config.AuditLogProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSignerTest {

    @TempDir
    Path directory;

    @Test
    void aMissingKeyFileIsMadeOnceAndKeptAcrossRestarts() throws Exception {
        Path file = directory.resolve("data").resolve("audit-signing-key.pem");
        AuditLogProperties properties = properties(file, true);

        AuditSigner first = new AuditSigner(properties);
        AuditSigner restarted = new AuditSigner(properties);

        assertThat(file).exists();
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(restarted.publicKeyPem()).as("the same key after a restart").isEqualTo(first.publicKeyPem());
        SignedCheckpoint checkpoint = first.sign(3, new byte[32], "2026-11-26T00:00:00Z");
        assertThat(AuditKeys.verify(restarted.publicKey(), checkpoint)).isTrue();
    }

    @Test
    void withoutPermissionToMakeItAMissingKeyFileIsAnError() {
        Path file = directory.resolve("absent.pem");

        assertThatThrownBy(() -> new AuditSigner(properties(file, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lineage.audit.signing-key-file")
                .hasMessageContaining("absent.pem");
        assertThat(file).doesNotExist();
    }

    @Test
    void aKeyThatIsNotAnEd25519PrivateKeyNamesTheSettingAndTheFile() throws Exception {
        java.security.KeyPair keys = AuditKeys.generate();
        Path publicKey = directory.resolve("audit-public.pem");
        Files.writeString(publicKey, AuditKeys.publicPem(keys.getPublic()));
        Path damaged = directory.resolve("damaged.pem");
        Files.writeString(damaged, "-----BEGIN PRIVATE KEY-----\n#not base64#\n-----END PRIVATE KEY-----\n");

        for (Path file : new Path[] {publicKey, damaged}) {
            assertThatThrownBy(() -> new AuditSigner(properties(file, false)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lineage.audit.signing-key-file")
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("Ed25519 private key");
        }
        AuditLogProperties text = new AuditLogProperties();
        text.setSigningKey(AuditKeys.publicPem(keys.getPublic()));
        assertThatThrownBy(() -> new AuditSigner(text))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lineage.audit.signing-key ")
                .hasMessageNotContaining(AuditKeys.publicPem(keys.getPublic()).split("\n")[1]);
    }

    @Test
    void previousPublicKeysAreReadAsPemTextOrFromAFileAndABadOneStopsStartUp() throws Exception {
        String inline = AuditKeys.publicPem(AuditKeys.generate().getPublic());
        String inFile = AuditKeys.publicPem(AuditKeys.generate().getPublic());
        Path file = Files.writeString(directory.resolve("old-public.pem"), inFile);
        AuditLogProperties properties = properties(directory.resolve("signing.pem"), true);
        properties.setPreviousPublicKeys(java.util.List.of(inline, file.toString()));

        AuditSigner signer = new AuditSigner(properties);

        assertThat(signer.verificationKeys().stream().map(AuditKeys::publicPem))
                .containsExactly(signer.publicKeyPem(), inline, inFile);

        properties.setPreviousPublicKeys(
                java.util.List.of(inline, directory.resolve("gone.pem").toString()));
        assertThatThrownBy(() -> new AuditSigner(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lineage.audit.previous-public-keys[1]")
                .hasMessageContaining("gone.pem");
    }

    private static AuditLogProperties properties(Path file, boolean create) {
        AuditLogProperties properties = new AuditLogProperties();
        properties.setSigningKeyFile(file.toString());
        properties.setCreateSigningKeyFile(create);
        return properties;
    }
}
