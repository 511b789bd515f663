package com.leadfactory.lineage.auditlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * A checkpoint as a signed note (the format of Go's sumdb and C2SP tlog-checkpoint; docs/DESIGN-NOTES.md,
 * "Proving the audit trail"):
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;size&gt;
 * &lt;base64 root hash&gt;
 * &lt;time, UTC with microseconds&gt;
 *
 * — &lt;origin&gt; &lt;base64(key id (4 bytes) || Ed25519 signature of the four lines above, newlines included)&gt;
 * </pre>
 */
public record SignedCheckpoint(String origin, long size, byte[] root, String time, byte[] keyId, byte[] signature) {

    private static final String DASH = "\u2014 ";

    /** The signed text: the four lines, each ending with a newline. */
    public static String body(String origin, long size, byte[] root, String time) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n" + time + "\n";
    }

    public String body() {
        return body(origin, size, root, time);
    }

    public byte[] signedBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    public String text() {
        byte[] keyAndSignature = new byte[keyId.length + signature.length];
        System.arraycopy(keyId, 0, keyAndSignature, 0, keyId.length);
        System.arraycopy(signature, 0, keyAndSignature, keyId.length, signature.length);
        return body() + "\n" + DASH + origin + " " + Base64.getEncoder().encodeToString(keyAndSignature) + "\n";
    }

    public Instant instant() {
        return OffsetDateTime.parse(time).toInstant();
    }

    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }

    /** Reads a note written by {@link #text()}; anything else is an {@link IllegalArgumentException}. */
    public static SignedCheckpoint parse(String text) {
        String[] parts = text.replace("\r\n", "\n").split("\n", -1);
        if (parts.length < 7 || !parts[4].isEmpty() || !parts[5].startsWith(DASH)) {
            throw new IllegalArgumentException(
                    "not a signed checkpoint note (origin, size, root, time, blank line," + " signature line)");
        }
        try {
            String origin = parts[0];
            long size = Long.parseLong(parts[1]);
            byte[] root = Base64.getDecoder().decode(parts[2]);
            String time = parts[3];
            OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC);
            String signatureLine = parts[5].substring(DASH.length());
            int space = signatureLine.lastIndexOf(' ');
            if (space < 0 || !signatureLine.substring(0, space).equals(origin)) {
                throw new IllegalArgumentException("the signature line does not name the origin " + origin);
            }
            byte[] keyAndSignature = Base64.getDecoder()
                    .decode(signatureLine.substring(space + 1).trim());
            if (keyAndSignature.length != 4 + 64 || root.length != Merkle.HASH_BYTES) {
                throw new IllegalArgumentException("a root of 32 bytes and an Ed25519 signature are expected");
            }
            byte[] keyId = new byte[4];
            byte[] signature = new byte[64];
            System.arraycopy(keyAndSignature, 0, keyId, 0, 4);
            System.arraycopy(keyAndSignature, 4, signature, 0, 64);
            return new SignedCheckpoint(origin, size, root, time, keyId, signature);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a signed checkpoint note: " + e.getMessage(), e);
        }
    }
}
