package com.leadfactory.lineage.auditlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RFC 6962 (RFC 9162 §2.1) Merkle tree over SHA-256: leaf = H(0x00 || data), node = H(0x01 || left ||
 * right), the tree of n leaves split at the largest power of two below n. Inclusion and consistency proofs are
 * made and checked as RFC 9162 §2.1.3 and §2.1.4 describe (docs/DESIGN-NOTES.md, "Proving the audit trail").
 */
public final class Merkle {

    public static final int HASH_BYTES = 32;

    /** The root of the empty tree: SHA-256 of nothing. */
    public static final byte[] EMPTY_ROOT = sha256(new byte[0]);

    private Merkle() {}

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = digest();
        digest.update((byte) 0x00);
        digest.update(data);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = digest();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root of the tree whose leaf hashes are {@code leaves[from, to)}. */
    public static byte[] root(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return EMPTY_ROOT.clone();
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = (int) split(n);
        return nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    public static byte[] root(List<byte[]> leaves) {
        return root(leaves, 0, leaves.size());
    }

    /**
     * Where a proof gets the root of the subtree over leaves {@code [from, to)}: computed from the leaf hashes in
     * memory, or read from the stored log (AuditLogApi). Every range a proof asks for starts at a multiple of the
     * largest power of two not above its size, so ranges of a power-of-two size are whole stored subtrees.
     */
    @FunctionalInterface
    public interface Subtrees {
        byte[] root(long from, long to);
    }

    /** The subtrees of {@code leaves}, computed in memory. */
    public static Subtrees inMemory(List<byte[]> leaves) {
        return (from, to) -> root(leaves, Math.toIntExact(from), Math.toIntExact(to));
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code size} leaf hashes. */
    public static List<byte[]> inclusionProof(List<byte[]> leaves, int index, int size) {
        if (size > leaves.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        return inclusionProof(inMemory(leaves), index, size);
    }

    /** The audit path of leaf {@code index} in the tree of {@code size} leaves. */
    public static List<byte[]> inclusionProof(Subtrees tree, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(tree, index, 0, size, path);
        return path;
    }

    private static void path(Subtrees tree, long index, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = split(n);
        if (index - from < k) {
            path(tree, index, from, from + k, out);
            out.add(tree.root(from + k, to));
        } else {
            path(tree, index, from + k, to, out);
            out.add(tree.root(from, from + k));
        }
    }

    /** The proof that the tree of {@code size1} leaf hashes is a prefix of the tree of {@code size2}. */
    public static List<byte[]> consistencyProof(List<byte[]> leaves, int size1, int size2) {
        if (size2 > leaves.size()) {
            throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
        }
        return consistencyProof(inMemory(leaves), size1, size2);
    }

    /** The proof that the tree of the first {@code size1} leaves is a prefix of the tree of {@code size2}. */
    public static List<byte[]> consistencyProof(Subtrees tree, long size1, long size2) {
        if (size1 < 0 || size1 > size2) {
            throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
        }
        List<byte[]> proof = new ArrayList<>();
        if (size1 > 0 && size1 < size2) {
            subProof(tree, size1, 0, size2, true, proof);
        }
        return proof;
    }

    private static void subProof(Subtrees tree, long m, long from, long to, boolean complete, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(tree.root(from, to));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subProof(tree, m, from, from + k, complete, out);
            out.add(tree.root(from + k, to));
        } else {
            subProof(tree, m - k, from + k, to, false, out);
            out.add(tree.root(from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2: does {@code proof} put {@code leafHash} at {@code index} of the tree with {@code root}? */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || leafHash == null || root == null) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (p == null || p.length != HASH_BYTES || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2: does {@code proof} show the tree ({@code size1}, {@code root1}) is a prefix of the other? */
    public static boolean verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        if (size1 < 0 || size2 < size1 || root1 == null || root2 == null) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && Arrays.equals(root1, root2);
        }
        if (size1 == 0) {
            // every tree extends the empty one; RFC 9162 has no proof for it
            return false;
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        for (byte[] p : path) {
            if (p == null || p.length != HASH_BYTES) {
                return false;
            }
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, root1) && Arrays.equals(sr, root2) && sn == 0;
    }

    /** The largest power of two smaller than {@code n} (n &gt; 1). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
