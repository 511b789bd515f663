package com.leadfactory.lineage.auditlog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Ed25519 from the JDK: PEM in and out, signing and checking checkpoints, the note key id. */
public final class AuditKeys {

    private AuditKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /**
     * The key pair of a PKCS#8 PEM private key. The JDK derives an Ed25519 public key only while generating
     * one, so the pair is generated again from the private key's seed.
     */
    public static KeyPair fromPrivatePem(String pem) {
        try {
            PrivateKey key =
                    KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
            byte[] seed = ((EdECPrivateKey) key)
                    .getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the private key has no seed bytes"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    public static PublicKey fromPublicPem(String pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The signed note key id: the first four bytes of SHA-256(name || "\n" || 0x01 || raw public key). */
    public static byte[] keyId(String name, PublicKey key) {
        byte[] nameBytes = (name + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] raw = raw(key);
        byte[] input = new byte[nameBytes.length + 1 + raw.length];
        System.arraycopy(nameBytes, 0, input, 0, nameBytes.length);
        input[nameBytes.length] = 0x01;
        System.arraycopy(raw, 0, input, nameBytes.length + 1, raw.length);
        return Arrays.copyOf(Merkle.sha256(input), 4);
    }

    /** The 32 bytes of an Ed25519 public key (the end of its X.509 encoding). */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    public static SignedCheckpoint sign(KeyPair keys, String origin, long size, byte[] root, String time) {
        byte[] signature = signBytes(
                keys.getPrivate(),
                SignedCheckpoint.body(origin, size, root, time).getBytes(StandardCharsets.UTF_8));
        return new SignedCheckpoint(origin, size, root, time, keyId(origin, keys.getPublic()), signature);
    }

    static byte[] signBytes(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the checkpoint failed", e);
        }
    }

    /** Is the checkpoint signed by {@code key} (its key id and its signature)? */
    public static boolean verify(PublicKey key, SignedCheckpoint checkpoint) {
        if (!Arrays.equals(checkpoint.keyId(), keyId(checkpoint.origin(), key))) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(checkpoint.signedBytes());
            return verifier.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Is the checkpoint signed by one of {@code keys}? */
    public static boolean verify(List<PublicKey> keys, SignedCheckpoint checkpoint) {
        for (PublicKey key : keys) {
            if (verify(key, checkpoint)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] der(String pem, String type) {
        String text = pem.trim();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block " + begin);
        }
        String base64 = text.substring(from + begin.length(), to).replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Hands the generator the seed it must use, and nothing else. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the generator asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
