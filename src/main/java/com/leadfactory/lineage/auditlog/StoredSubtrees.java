package com.leadfactory.lineage.auditlog;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The roots of the log's perfect subtrees of 256 leaves and more (audit_log_node), kept by the checkpointer as it
 * appends, so that a proof reads a few dozen hashes and one block of leaves instead of every leaf up to its
 * checkpoint. They are a cache, never a source of truth: every proof made from them is checked against the signed
 * root before it is answered, and one that does not check is made again from the leaves alone (docs/DESIGN-NOTES.md,
 * "Proving the audit trail").
 */
@Component
public class StoredSubtrees {

    private static final Logger LOG = LoggerFactory.getLogger(StoredSubtrees.class);

    /** 2^8 = 256 leaves: about one stored root per 128 leaves, and a proof reads at most 256 leaf hashes. */
    static final int LOWEST_STORED_LEVEL = 8;

    private static final int FETCH_SIZE = 10_000;

    private final JdbcTemplate jdbc;
    private final int lowestLevel;

    /** The head root whose leaves could not be made into subtrees: not tried again at every tick. */
    private volatile byte[] refusedFor;

    @Autowired
    public StoredSubtrees(JdbcTemplate jdbc) {
        this(jdbc, LOWEST_STORED_LEVEL);
    }

    StoredSubtrees(JdbcTemplate jdbc, int lowestLevel) {
        this.jdbc = jdbc;
        this.lowestLevel = lowestLevel;
    }

    /** Collects, into {@code rows}, the subtrees an append completes that are large enough to be stored. */
    CompactTree.CompletedSubtree collector(List<Object[]> rows) {
        return (level, index, root) -> {
            if (level >= lowestLevel) {
                rows.add(new Object[] {level, index, root});
            }
        };
    }

    void insert(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_log_node (tree_level, tree_index, root_hash) VALUES (?, ?, ?)", rows);
        }
    }

    /**
     * Makes sure the stored subtrees cover a log of {@code size} leaves whose root is {@code root}: a log sequenced
     * before they were kept, or whose subtrees were lost, gets them rebuilt from its leaves once, in the
     * checkpointer's transaction. Leaves that do not make the root the head holds are left alone (proofs are then
     * made from the leaves, and verifying the log says what changed).
     */
    void coverTheLog(long size, byte[] root) {
        long expected = size >> lowestLevel;
        Long stored = jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_log_node WHERE tree_level = ?", Long.class, lowestLevel);
        if (stored != null && stored == expected) {
            return;
        }
        if (refusedFor != null && Arrays.equals(refusedFor, root)) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        CompactTree tree = CompactTree.empty();
        CompactTree.CompletedSubtree collect = collector(rows);
        eachLeaf(0, size, leaf -> tree.append(leaf, collect));
        if (tree.size() != size || !Arrays.equals(tree.root(), root)) {
            refusedFor = root.clone();
            LOG.warn(
                    "The audit log's {} leaves do not make the root of its head (size {}): proofs are made from the"
                            + " leaves until this is resolved. Run GET /api/audit/verify or verify-audit to see what"
                            + " changed (README, \"Proving the audit trail\")",
                    tree.size(),
                    size);
            return;
        }
        jdbc.update("DELETE FROM audit_log_node");
        insert(rows);
        LOG.info("Audit log: {} subtree roots stored for its {} leaves, for proofs", rows.size(), size);
    }

    /**
     * The audit path of leaf {@code index} (whose stored hash is {@code leafHash}) in the log's tree of {@code size}
     * leaves, whose signed root is {@code signedRoot}: from the stored subtrees when the path they give proves that
     * leaf, otherwise the path the leaves alone give, whatever it proves.
     */
    public List<byte[]> inclusionProof(long index, long size, byte[] leafHash, byte[] signedRoot) {
        List<byte[]> proof = Merkle.inclusionProof(ofLog(size), index, size);
        if (Merkle.verifyInclusion(index, size, leafHash, proof, signedRoot)) {
            return proof;
        }
        return Merkle.inclusionProof(ofLeaves(size), index, size);
    }

    /** The root of the log's first {@code first} leaves and the proof that the tree of {@code size} extends it. */
    public record Consistency(byte[] firstRoot, List<byte[]> path) {}

    /** As {@link #inclusionProof}: from the stored subtrees when their proof checks against {@code signedRoot}. */
    public Consistency consistencyProof(long first, long size, byte[] signedRoot) {
        Merkle.Subtrees stored = ofLog(size);
        Consistency proof = new Consistency(stored.root(0, first), Merkle.consistencyProof(stored, first, size));
        if (Merkle.verifyConsistency(first, size, proof.firstRoot(), signedRoot, proof.path())) {
            return proof;
        }
        Merkle.Subtrees leaves = ofLeaves(size);
        return new Consistency(leaves.root(0, first), Merkle.consistencyProof(leaves, first, size));
    }

    /** Leaf hashes {@code [from, to)} in order (0-based; seq is 1-based), streamed. */
    private void eachLeaf(long from, long to, Consumer<byte[]> leaf) {
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT leaf_hash FROM audit_log_leaf WHERE seq > ? AND seq <= ? ORDER BY seq");
                    statement.setFetchSize(FETCH_SIZE);
                    statement.setLong(1, from);
                    statement.setLong(2, to);
                    return statement;
                },
                (RowCallbackHandler) rs -> leaf.accept(rs.getBytes(1)));
    }

    /** The subtrees of the log's first {@code size} leaves, read from the stored roots where they are. */
    Merkle.Subtrees ofLog(long size) {
        return new Reader(size, true);
    }

    /** The same, computed from the leaves alone. */
    Merkle.Subtrees ofLeaves(long size) {
        return new Reader(size, false);
    }

    /** One proof's reads; blocks of leaves are read once. */
    private final class Reader implements Merkle.Subtrees {

        private final long size;
        private final boolean useStored;
        private final Map<Long, List<byte[]>> blocks = new HashMap<>();

        Reader(long size, boolean useStored) {
            this.size = size;
            this.useStored = useStored;
        }

        @Override
        public byte[] root(long from, long to) {
            long n = to - from;
            if (n <= 0) {
                return Merkle.EMPTY_ROOT.clone();
            }
            if (n <= 1L << lowestLevel) {
                // a range this small lies in one aligned block (Merkle.Subtrees)
                long block = from >> lowestLevel;
                long blockStart = block << lowestLevel;
                List<byte[]> leaves = blocks.computeIfAbsent(
                        block, b -> leaves(blockStart, Math.min(size, blockStart + (1L << lowestLevel))));
                return Merkle.root(leaves, (int) (from - blockStart), (int) (to - blockStart));
            }
            if (Long.bitCount(n) == 1) {
                byte[] stored = useStored ? stored(Long.numberOfTrailingZeros(n), from / n) : null;
                return stored != null ? stored : streamed(from, to);
            }
            long k = Merkle.split(n);
            return Merkle.nodeHash(root(from, from + k), root(from + k, to));
        }

        private byte[] stored(int level, long index) {
            List<byte[]> found = jdbc.query(
                    "SELECT root_hash FROM audit_log_node WHERE tree_level = ? AND tree_index = ?",
                    (rs, i) -> rs.getBytes(1),
                    level,
                    index);
            return found.isEmpty() ? null : found.get(0);
        }

        /** Leaves {@code [from, to)} (0-based; seq is 1-based). */
        private List<byte[]> leaves(long from, long to) {
            List<byte[]> leaves = jdbc.query(
                    "SELECT leaf_hash FROM audit_log_leaf WHERE seq > ? AND seq <= ? ORDER BY seq",
                    (rs, i) -> rs.getBytes(1),
                    from,
                    to);
            requireAll(leaves.size(), from, to);
            return leaves;
        }

        private byte[] streamed(long from, long to) {
            CompactTree tree = CompactTree.empty();
            eachLeaf(from, to, tree::append);
            requireAll(tree.size(), from, to);
            return tree.root();
        }

        private void requireAll(long found, long from, long to) {
            if (found != to - from) {
                throw new IllegalStateException("the audit log holds " + found + " of its leaves " + (from + 1) + " to "
                        + to + " that a checkpoint signed: run GET /api/audit/verify");
            }
        }
    }
}
