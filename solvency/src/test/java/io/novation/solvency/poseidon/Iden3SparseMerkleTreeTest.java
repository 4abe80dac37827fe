package io.novation.solvency.poseidon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reproduces the roots of iden3's Poseidon sparse Merkle tree (test resource vectors/smt): a leaf is
 * Poseidon(key, value, 1), a node Poseidon(left, right), an empty subtree 0, the key's bits are read least
 * significant first, and a leaf sits at the shallowest depth where no other key shares its path.
 */
class Iden3SparseMerkleTreeTest
{
    private final Poseidon leafHash = new Poseidon(3);
    private final Poseidon nodeHash = new Poseidon(2);

    @Test
    void shouldReproduceTheIden3Roots() throws Exception
    {
        final JsonNode cases = PoseidonVectorsTest.read("/vectors/smt/iden3_smt_poseidon_roots.json").get("cases");
        assertThat(cases.size()).isEqualTo(4);
        for (final JsonNode vector : cases)
        {
            final List<BigInteger[]> entries = new ArrayList<>();
            for (final JsonNode insert : vector.get("inserts"))
            {
                entries.add(new BigInteger[] {insert.get(0).bigIntegerValue(), insert.get(1).bigIntegerValue()});
            }

            assertThat(root(entries, 0)).as(vector.toString()).isEqualTo(new BigInteger(vector.get("root").asText()));
        }
    }

    @Test
    void shouldChangeTheRootWhenAValueChanges()
    {
        final List<BigInteger[]> one = List.<BigInteger[]>of(new BigInteger[] {BigInteger.ONE, BigInteger.TWO});
        final List<BigInteger[]> other = List.<BigInteger[]>of(new BigInteger[] {BigInteger.ONE, BigInteger.valueOf(3)});

        assertThat(root(one, 0)).isNotEqualTo(root(other, 0));
    }

    private BigInteger root(final List<BigInteger[]> entries, final int depth)
    {
        if (entries.isEmpty())
        {
            return BigInteger.ZERO;
        }
        if (entries.size() == 1)
        {
            return leafHash.hash(new BigInteger[] {entries.get(0)[0], entries.get(0)[1], BigInteger.ONE});
        }
        final List<BigInteger[]> left = new ArrayList<>();
        final List<BigInteger[]> right = new ArrayList<>();
        for (final BigInteger[] entry : entries)
        {
            (entry[0].testBit(depth) ? right : left).add(entry);
        }
        return nodeHash.hash(new BigInteger[] {root(left, depth + 1), root(right, depth + 1)});
    }
}
