package io.novation.core.commitment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Test leaves made reproducibly from a seed: distinct 32-byte keys that all share their first
 * {@code sharedPrefixBits} path bits (so that deep, skipped levels are exercised), each with non-empty data.
 */
final class TreeContents
{
    private TreeContents()
    {
    }

    static NavigableMap<byte[], byte[]> of(final long seed, final int count, final int sharedPrefixBits)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] prefix = randomBytes(random, 32);
        final NavigableMap<byte[], byte[]> leaves = new TreeMap<>(Arrays::compareUnsigned);
        int attempts = 0;
        while (leaves.size() < count && attempts++ < count * 8)
        {
            final byte[] key = randomBytes(random, 32);
            for (int bit = 0; bit < sharedPrefixBits; bit++)
            {
                final int mask = 1 << (7 - (bit & 7));
                key[bit >>> 3] = (byte)((key[bit >>> 3] & ~mask) | (prefix[bit >>> 3] & mask));
            }
            leaves.put(key, randomBytes(random, 1 + random.nextInt(48)));
        }
        return leaves;
    }

    static byte[] randomBytes(final SplittableRandom random, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)random.nextInt(256);
        }
        return bytes;
    }

    static SparseMerkleTree treeOf(final Hasher hasher, final Map<byte[], byte[]> leaves)
    {
        final SparseMerkleTree tree = new SparseMerkleTree(hasher);
        leaves.forEach(tree::update);
        return tree;
    }

    static List<Map.Entry<byte[], byte[]>> entries(final Map<byte[], byte[]> leaves)
    {
        return new ArrayList<>(leaves.entrySet());
    }
}
