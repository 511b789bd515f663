package com.leadfactory.lineage.auditlog;

import java.util.ArrayList;
import java.util.List;

/**
 * The right frontier of an RFC 6962 tree: the roots of its perfect subtrees, largest first (one per set bit of
 * the size). Enough to append leaves and compute the root without the leaves before them, so the checkpointer
 * keeps this (32 bytes a set bit) instead of reading a million leaves each tick.
 */
public final class CompactTree {

    private long size;
    private final List<byte[]> frontier;

    private CompactTree(long size, List<byte[]> frontier) {
        this.size = size;
        this.frontier = frontier;
    }

    public static CompactTree empty() {
        return new CompactTree(0, new ArrayList<>());
    }

    /** The tree stored as {@link #frontierBytes()} for {@code size} leaves. */
    public static CompactTree of(long size, byte[] frontierBytes) {
        int expected = Long.bitCount(size) * Merkle.HASH_BYTES;
        int actual = frontierBytes == null ? 0 : frontierBytes.length;
        if (actual != expected) {
            throw new IllegalStateException(
                    "a frontier of " + actual + " bytes cannot describe a tree of " + size + " leaves");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < actual; i += Merkle.HASH_BYTES) {
            byte[] hash = new byte[Merkle.HASH_BYTES];
            System.arraycopy(frontierBytes, i, hash, 0, Merkle.HASH_BYTES);
            hashes.add(hash);
        }
        return new CompactTree(size, hashes);
    }

    /** A perfect subtree an append completed: {@code 2^level} leaves from leaf {@code index * 2^level} on. */
    @FunctionalInterface
    public interface CompletedSubtree {
        void completed(int level, long index, byte[] root);
    }

    public void append(byte[] leafHash) {
        append(leafHash, (level, index, root) -> {});
    }

    public void append(byte[] leafHash, CompletedSubtree completed) {
        frontier.add(leafHash);
        // merge equal-sized subtrees: one merge per trailing one bit of the old size
        int level = 0;
        for (long s = size; (s & 1) == 1; s >>= 1) {
            byte[] right = frontier.remove(frontier.size() - 1);
            byte[] left = frontier.remove(frontier.size() - 1);
            byte[] merged = Merkle.nodeHash(left, right);
            frontier.add(merged);
            level++;
            completed.completed(level, ((size + 1) >> level) - 1, merged);
        }
        size++;
    }

    public long size() {
        return size;
    }

    public byte[] root() {
        if (frontier.isEmpty()) {
            return Merkle.EMPTY_ROOT.clone();
        }
        byte[] root = frontier.get(frontier.size() - 1);
        for (int i = frontier.size() - 2; i >= 0; i--) {
            root = Merkle.nodeHash(frontier.get(i), root);
        }
        return root;
    }

    public byte[] frontierBytes() {
        byte[] bytes = new byte[frontier.size() * Merkle.HASH_BYTES];
        for (int i = 0; i < frontier.size(); i++) {
            System.arraycopy(frontier.get(i), 0, bytes, i * Merkle.HASH_BYTES, Merkle.HASH_BYTES);
        }
        return bytes;
    }
}
