package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.leadfactory.lineage.support.TestDatabases;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Proofs from the stored subtree roots are exactly the proofs the leaves give, read from a few roots and one block
 * of leaves; a stored root that is wrong never reaches an answer. Blocks of 4 leaves here (level 2) instead of 256,
 * so that small logs have several levels of stored roots.
 */
class StoredSubtreesTest {

    private static final int LEVEL = 2;
    private static final int SIZE = 100;

    private JdbcTemplate jdbc;
    private StoredSubtrees subtrees;
    private List<byte[]> leaves;

    @BeforeEach
    void aLogOf100Leaves() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(
                TestDatabases.h2Memory(
                        "stored_subtrees_" + UUID.randomUUID().toString().replace("-", "")),
                "sa",
                ""));
        jdbc.execute("CREATE TABLE audit_log_leaf (seq BIGINT PRIMARY KEY, audit_id UUID NOT NULL,"
                + " leaf_hash VARBINARY NOT NULL)");
        jdbc.execute("CREATE TABLE audit_log_node (tree_level INTEGER NOT NULL, tree_index BIGINT NOT NULL,"
                + " root_hash VARBINARY NOT NULL, PRIMARY KEY (tree_level, tree_index))");
        subtrees = new StoredSubtrees(jdbc, LEVEL);
        Random random = new Random(6962);
        leaves = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            byte[] leaf = new byte[Merkle.HASH_BYTES];
            random.nextBytes(leaf);
            leaves.add(leaf);
            rows.add(new Object[] {i + 1L, UUID.randomUUID(), leaf});
        }
        jdbc.batchUpdate("INSERT INTO audit_log_leaf (seq, audit_id, leaf_hash) VALUES (?, ?, ?)", rows);
    }

    private byte[] root(int size) {
        return Merkle.root(leaves, 0, size);
    }

    private List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }

    @Test
    void proofsFromStoredRootsAreTheProofsOfTheLeavesForEveryLeafAndSize() {
        subtrees.coverTheLog(SIZE, root(SIZE));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log_node WHERE tree_level = 2", Long.class))
                .isEqualTo(25L);
        for (int size : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 99, 100}) {
            for (int index = 0; index < size; index++) {
                assertThat(hex(subtrees.inclusionProof(index, size, leaves.get(index), root(size))))
                        .as("leaf %d of %d", index, size)
                        .isEqualTo(hex(Merkle.inclusionProof(leaves, index, size)));
            }
            for (int first = 1; first <= size; first++) {
                StoredSubtrees.Consistency proof = subtrees.consistencyProof(first, size, root(size));
                assertThat(HexFormat.of().formatHex(proof.firstRoot()))
                        .isEqualTo(HexFormat.of().formatHex(root(first)));
                assertThat(hex(proof.path()))
                        .as("%d to %d", first, size)
                        .isEqualTo(hex(Merkle.consistencyProof(leaves, first, size)));
            }
        }
    }

    @Test
    void aProofReadsStoredRootsAndOneBlockOfLeavesNotEveryLeaf() {
        subtrees.coverTheLog(SIZE, root(SIZE));
        // leaves 1-64 gone: only the stored roots can still cover them
        jdbc.update("DELETE FROM audit_log_leaf WHERE seq <= 64");

        assertThat(hex(subtrees.inclusionProof(98, SIZE, leaves.get(98), root(SIZE))))
                .isEqualTo(hex(Merkle.inclusionProof(leaves, 98, SIZE)));
        assertThat(hex(subtrees.consistencyProof(80, SIZE, root(SIZE)).path()))
                .isEqualTo(hex(Merkle.consistencyProof(leaves, 80, SIZE)));
        assertThatThrownBy(() -> Merkle.inclusionProof(subtrees.ofLeaves(SIZE), 98, SIZE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /api/audit/verify");
    }

    @Test
    void aWrongStoredRootNeverReachesAnAnswer() {
        subtrees.coverTheLog(SIZE, root(SIZE));
        jdbc.update("UPDATE audit_log_node SET root_hash = ? WHERE tree_level = 6 AND tree_index = 0", (Object)
                new byte[Merkle.HASH_BYTES]);
        assertThat(hex(Merkle.inclusionProof(subtrees.ofLog(SIZE), 90, SIZE)))
                .as("the stored roots alone give a wrong path")
                .isNotEqualTo(hex(Merkle.inclusionProof(leaves, 90, SIZE)));

        assertThat(hex(subtrees.inclusionProof(90, SIZE, leaves.get(90), root(SIZE))))
                .isEqualTo(hex(Merkle.inclusionProof(leaves, 90, SIZE)));
        StoredSubtrees.Consistency proof = subtrees.consistencyProof(70, SIZE, root(SIZE));
        assertThat(hex(proof.path())).isEqualTo(hex(Merkle.consistencyProof(leaves, 70, SIZE)));
        assertThat(Merkle.verifyConsistency(70, SIZE, proof.firstRoot(), root(SIZE), proof.path()))
                .isTrue();
    }

    @Test
    void theRootsStoredTickByTickAreTheRootsRebuiltFromTheLeaves() {
        CompactTree tree = CompactTree.empty();
        int[] ticks = {3, 1, 12, 40, 7, 37};
        int next = 0;
        for (int tick : ticks) {
            // each tick starts from the stored frontier, as the checkpointer does
            tree = CompactTree.of(tree.size(), tree.frontierBytes());
            List<Object[]> rows = new ArrayList<>();
            CompactTree.CompletedSubtree collect = subtrees.collector(rows);
            for (int i = 0; i < tick; i++) {
                tree.append(leaves.get(next++), collect);
            }
            subtrees.insert(rows);
        }
        assertThat(next).isEqualTo(SIZE);
        List<String> stored = storedRoots();
        assertThat(stored).hasSize(25 + 12 + 6 + 3 + 1);

        jdbc.update("DELETE FROM audit_log_node WHERE tree_level = 2 AND tree_index = 7");
        subtrees.coverTheLog(SIZE, tree.root());
        assertThat(storedRoots()).isEqualTo(stored);
    }

    @Test
    void leavesThatDoNotMakeTheHeadsRootAreNotMadeIntoStoredRoots() {
        byte[] someOtherRoot = root(SIZE - 1);
        subtrees.coverTheLog(SIZE, someOtherRoot);
        assertThat(storedRoots()).isEmpty();
        // proofs still come, from the leaves
        assertThat(hex(subtrees.inclusionProof(17, SIZE, leaves.get(17), root(SIZE))))
                .isEqualTo(hex(Merkle.inclusionProof(leaves, 17, SIZE)));
    }

    private List<String> storedRoots() {
        return jdbc.query(
                "SELECT tree_level, tree_index, root_hash FROM audit_log_node ORDER BY tree_level, tree_index",
                (rs, i) -> rs.getInt(1) + "/" + rs.getLong(2) + "/"
                        + HexFormat.of().formatHex(rs.getBytes(3)));
    }
}
