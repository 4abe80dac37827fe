package io.novation.core.commitment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The Fuel sparse Merkle root computed straight from its recursive definition over the whole set of leaves, with
 * no storage and no incremental state: the test oracle for {@link SparseMerkleTree}.
 */
final class ReferenceSparseMerkleRoot
{
    private ReferenceSparseMerkleRoot()
    {
    }

    static byte[] of(final Hasher hasher, final NavigableMap<byte[], byte[]> leaves)
    {
        return subtree(hasher, new ArrayList<>(leaves.entrySet()), 0);
    }

    private static byte[] subtree(final Hasher hasher, final List<Map.Entry<byte[], byte[]>> leaves, final int depth)
    {
        if (leaves.isEmpty())
        {
            return new byte[32];
        }
        if (1 == leaves.size())
        {
            final Map.Entry<byte[], byte[]> leaf = leaves.get(0);
            final byte[] dataHash = hasher.hash(leaf.getValue(), 0, leaf.getValue().length);
            final byte[] preimage = new byte[1 + 32 + 32];
            preimage[0] = 0x00;
            System.arraycopy(leaf.getKey(), 0, preimage, 1, 32);
            System.arraycopy(dataHash, 0, preimage, 33, 32);
            return hasher.hash(preimage, 0, preimage.length);
        }
        final List<Map.Entry<byte[], byte[]>> left = new ArrayList<>();
        final List<Map.Entry<byte[], byte[]>> right = new ArrayList<>();
        for (final Map.Entry<byte[], byte[]> leaf : leaves)
        {
            final int bit = (leaf.getKey()[depth / 8] >> (7 - depth % 8)) & 1;
            (0 == bit ? left : right).add(leaf);
        }
        final byte[] preimage = new byte[1 + 32 + 32];
        preimage[0] = 0x01;
        System.arraycopy(subtree(hasher, left, depth + 1), 0, preimage, 1, 32);
        System.arraycopy(subtree(hasher, right, depth + 1), 0, preimage, 33, 32);
        return hasher.hash(preimage, 0, preimage.length);
    }
}
