package io.novation.solvency.tree;

import io.novation.solvency.inclusion.InclusionProof;
import io.novation.solvency.poseidon.Poseidon;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tree against a fold written out with the plain Poseidon: ascending keys, padding to a power of two of at
 * least one chunk, totals, chunk views and inclusion proofs.
 */
class SolvencyTreeTest
{
    private static final SolvencySeed SEED = SolvencySeed.of(BigInteger.valueOf(424242));
    private final Poseidon leafHash = new Poseidon(6);
    private final Poseidon nodeHash = new Poseidon(2);

    @Test
    void shouldFoldSortedPaddedLeavesIntoTheRoot()
    {
        for (final int count : new int[] {0, 1, 3, 8, 9, 20})
        {
            final List<SolvencyLeaf> leaves = leaves(count);
            final List<SolvencyLeaf> shuffled = new ArrayList<>(leaves);
            Collections.reverse(shuffled);

            final SolvencyTree tree = SolvencyTree.build(7, shuffled);

            assertThat(tree.leaves()).isEqualTo(leaves);
            int padded = SolvencyTree.CHUNK_SIZE;
            while (padded < count)
            {
                padded *= 2;
            }
            assertThat(tree.paddedLeafCount()).isEqualTo(padded);
            assertThat(tree.root()).as("count %d", count).isEqualTo(expectedRoot(leaves, tree.paddedLeafCount()));
        }
    }

    @Test
    void shouldSumEquitiesPerAssetAndCutChunksOfEightLeaves()
    {
        final List<SolvencyLeaf> leaves = leaves(11);
        final SolvencyTree tree = SolvencyTree.build(7, leaves);

        assertThat(tree.chunkCount()).isEqualTo(2);
        final BigInteger[] totals = tree.totals();
        final BigInteger[] chunkSums = new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
            BigInteger.ZERO};
        for (int j = 0; j < tree.chunkCount(); j++)
        {
            final SolvencyChunk chunk = tree.chunk(j);
            assertThat(chunk.subRoot()).isEqualTo(tree.node(3, j));
            assertThat(chunk.leaves().size() + chunk.padding()).isEqualTo(SolvencyTree.CHUNK_SIZE);
            for (int slot = 0; slot < 4; slot++)
            {
                chunkSums[slot] = chunkSums[slot].add(chunk.sums()[slot]);
            }
        }
        assertThat(tree.chunk(1).leaves()).hasSize(3);
        assertThat(tree.chunk(1).padding()).isEqualTo(5);
        for (int slot = 0; slot < 4; slot++)
        {
            BigInteger sum = BigInteger.ZERO;
            for (final SolvencyLeaf leaf : leaves)
            {
                sum = sum.add(leaf.equity(slot));
            }
            assertThat(totals[slot]).isEqualTo(sum).isEqualTo(chunkSums[slot]);
        }
        assertThat(tree.commitment().root()).isEqualTo(tree.root());
        assertThat(tree.commitment().leafCount()).isEqualTo(11);
    }

    @Test
    void shouldGiveEveryAccountAProofThatFoldsToTheRoot()
    {
        final SolvencyTree tree = SolvencyTree.build(7, leaves(13));
        for (final SolvencyLeaf leaf : tree.leaves())
        {
            final InclusionProof proof = InclusionProof.of(tree, leaf.accountKey());

            assertThat(proof.siblings()).hasSize(tree.depth());
            assertThat(proof.check(tree.root())).isNull();
            assertThat(InclusionProof.fromJson(proof.toJson())).isEqualTo(proof);
        }
    }

    @Test
    void shouldRefuseARepeatedKeyAndAnUnknownAccount()
    {
        final List<SolvencyLeaf> leaves = new ArrayList<>(leaves(3));
        leaves.add(leaves.get(1));

        assertThatThrownBy(() -> SolvencyTree.build(1, leaves)).isInstanceOf(SolvencyException.class)
            .hasMessageContaining("twice");
        assertThatThrownBy(() -> InclusionProof.of(SolvencyTree.build(1, leaves(3)), BigInteger.TEN))
            .isInstanceOf(SolvencyException.class)
            .satisfies(ex -> assertThat(((SolvencyException)ex).reason())
                .isEqualTo(SolvencyException.Reason.UNKNOWN_ACCOUNT));
    }

    @Test
    void shouldHashTheDocumentedPaddingLeaf()
    {
        final BigInteger[] zeros = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
            BigInteger.ZERO, BigInteger.ZERO};

        assertThat(SolvencyTree.paddingLeaf()).isEqualTo(leafHash.hash(zeros));
        assertThat(SolvencyTree.build(1, List.of()).node(0, 0)).isEqualTo(leafHash.hash(zeros));
    }

    static List<SolvencyLeaf> leaves(final int count)
    {
        final List<SolvencyLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final BigInteger key = BigInteger.valueOf(1000 + 17L * i).shiftLeft(100);
            leaves.add(new SolvencyLeaf(key, SEED.salt(7, key), new long[] {1_000_000L * i + 5, i, 0,
                i == 2 ? -1L : 3L * i}));
        }
        return leaves;
    }

    private BigInteger expectedRoot(final List<SolvencyLeaf> leaves, final int padded)
    {
        List<BigInteger> level = new ArrayList<>();
        for (final SolvencyLeaf leaf : leaves)
        {
            level.add(leafHash.hash(leaf.accountKey(), leaf.salt(), leaf.equity(0), leaf.equity(1), leaf.equity(2),
                leaf.equity(3)));
        }
        while (level.size() < padded)
        {
            level.add(leafHash.hash(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.ZERO));
        }
        while (level.size() > 1)
        {
            final List<BigInteger> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2)
            {
                up.add(nodeHash.hash(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.get(0);
    }
}
