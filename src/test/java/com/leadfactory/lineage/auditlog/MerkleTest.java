package com.leadfactory.lineage.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree against the RFC 6962 reference vectors of Certificate Transparency (merkle_tree_test.cc, reused by
 * Trillian and transparency-dev/merkle): the roots of the first eight leaves and published inclusion and
 * consistency proofs, so the tree is the standard one and not merely one that agrees with itself.
 */
class MerkleTest {

    private static final HexFormat HEX = HexFormat.of();

    static final String[] LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };

    static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    /** {leaf index (0-based), tree size, path...} */
    static final String[][] INCLUSION = {
        {"0", "1"},
        {
            "0",
            "8",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
        },
        {
            "5",
            "8",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
        },
        {"2", "3", "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"},
        {
            "1",
            "5",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
        },
    };

    /** {size1, size2, proof...} */
    static final String[][] CONSISTENCY = {
        {"1", "1"},
        {
            "1",
            "8",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
        },
        {
            "6",
            "8",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
        },
        {
            "2",
            "5",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"
        },
        {
            "6",
            "7",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
        },
    };

    static List<byte[]> leafHashes() {
        List<byte[]> hashes = new ArrayList<>();
        for (String leaf : LEAVES) {
            hashes.add(Merkle.leafHash(HEX.parseHex(leaf)));
        }
        return hashes;
    }

    private static List<byte[]> hashes(String[] row, int from) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < row.length; i++) {
            out.add(HEX.parseHex(row[i]));
        }
        return out;
    }

    @Test
    void rootsMatchTheReferenceVectors() {
        List<byte[]> leaves = leafHashes();
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(Merkle.root(leaves, 0, n)))
                    .as("root of %d", n)
                    .isEqualTo(ROOTS[n - 1]);
        }
        assertThat(HEX.formatHex(Merkle.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theCompactTreeGivesTheSameRootsAndSurvivesBeingStored() {
        List<byte[]> leaves = leafHashes();
        CompactTree tree = CompactTree.empty();
        assertThat(tree.root()).isEqualTo(Merkle.EMPTY_ROOT);
        for (int n = 1; n <= 8; n++) {
            tree = CompactTree.of(tree.size(), tree.frontierBytes());
            tree.append(leaves.get(n - 1));
            assertThat(HEX.formatHex(tree.root())).as("root of %d", n).isEqualTo(ROOTS[n - 1]);
            assertThat(tree.frontierBytes()).hasSize(Long.bitCount(n) * 32);
        }
        assertThatThrownBy(() -> CompactTree.of(3, new byte[32]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tree of 3 leaves");
    }

    @Test
    void inclusionProofsMatchTheReferenceVectorsAndVerify() {
        List<byte[]> leaves = leafHashes();
        for (String[] vector : INCLUSION) {
            int index = Integer.parseInt(vector[0]);
            int size = Integer.parseInt(vector[1]);
            List<byte[]> expected = hashes(vector, 2);
            List<byte[]> proof = Merkle.inclusionProof(leaves, index, size);
            assertThat(proof).as("path of %d in %d", index, size).containsExactlyElementsOf(expected);
            byte[] root = HEX.parseHex(ROOTS[size - 1]);
            assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), proof, root))
                    .isTrue();
            // a wrong index, size, leaf or root, or a changed path, is refused
            assertThat(Merkle.verifyInclusion(index + 1, size, leaves.get(index), proof, root))
                    .isFalse();
            assertThat(Merkle.verifyInclusion(index, size * 2L, leaves.get(index), proof, root))
                    .isFalse();
            assertThat(Merkle.verifyInclusion(index, size, Merkle.leafHash(new byte[] {9}), proof, root))
                    .isFalse();
            assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), proof, Merkle.EMPTY_ROOT))
                    .isFalse();
            if (!proof.isEmpty()) {
                List<byte[]> changed = new ArrayList<>(proof);
                byte[] first = changed.get(0).clone();
                first[0] ^= 8;
                changed.set(0, first);
                assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), changed, root))
                        .isFalse();
                assertThat(Merkle.verifyInclusion(
                                index, size, leaves.get(index), proof.subList(0, proof.size() - 1), root))
                        .isFalse();
            }
        }
    }

    @Test
    void everyInclusionProofOfEveryTreeUpTo40Verifies() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leaves.add(Merkle.leafHash(new byte[] {(byte) i}));
        }
        for (int size = 1; size <= 40; size++) {
            byte[] root = Merkle.root(leaves, 0, size);
            for (int index = 0; index < size; index++) {
                assertThat(Merkle.verifyInclusion(
                                index, size, leaves.get(index), Merkle.inclusionProof(leaves, index, size), root))
                        .as("leaf %d of %d", index, size)
                        .isTrue();
            }
            for (int size1 = 1; size1 <= size; size1++) {
                assertThat(Merkle.verifyConsistency(
                                size1,
                                size,
                                Merkle.root(leaves, 0, size1),
                                root,
                                Merkle.consistencyProof(leaves, size1, size)))
                        .as("%d to %d", size1, size)
                        .isTrue();
            }
        }
    }

    @Test
    void consistencyProofsMatchTheReferenceVectorsAndVerify() {
        List<byte[]> leaves = leafHashes();
        for (String[] vector : CONSISTENCY) {
            int size1 = Integer.parseInt(vector[0]);
            int size2 = Integer.parseInt(vector[1]);
            List<byte[]> expected = hashes(vector, 2);
            List<byte[]> proof = Merkle.consistencyProof(leaves, size1, size2);
            assertThat(proof).as("%d to %d", size1, size2).containsExactlyElementsOf(expected);
            byte[] root1 = HEX.parseHex(ROOTS[size1 - 1]);
            byte[] root2 = HEX.parseHex(ROOTS[size2 - 1]);
            assertThat(Merkle.verifyConsistency(size1, size2, root1, root2, proof))
                    .isTrue();
            if (size1 != size2) {
                assertThat(Merkle.verifyConsistency(size1, size2, root2, root1, proof))
                        .as("swapped roots")
                        .isFalse();
                assertThat(Merkle.verifyConsistency(size1, size2, root1, root2, List.of()))
                        .as("empty proof")
                        .isFalse();
                assertThat(Merkle.verifyConsistency(size1 + 1, size2, root1, root2, proof))
                        .as("wrong size1")
                        .isFalse();
                assertThat(Merkle.verifyConsistency(size1, size2, root1, root2, proof.subList(0, proof.size() - 1)))
                        .as("truncated")
                        .isFalse();
            }
        }
        assertThat(Merkle.verifyConsistency(0, 1, Merkle.EMPTY_ROOT, Merkle.EMPTY_ROOT, List.of()))
                .isFalse();
        assertThat(Merkle.verifyConsistency(2, 1, Merkle.EMPTY_ROOT, Merkle.EMPTY_ROOT, List.of()))
                .isFalse();
        assertThatThrownBy(() -> Merkle.consistencyProof(leaves, 5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Merkle.inclusionProof(leaves, 3, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
