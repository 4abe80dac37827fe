package io.novation.core.commitment;

import java.util.Arrays;
import java.util.Objects;

/**
 * Offline checks of {@link SparseMerkleProof}s against a 32-byte root: a key's inclusion with its data, or its
 * exclusion, recomputed by folding the proof's siblings up the key's path.
 */
final class SparseMerkleVerification
{
    private SparseMerkleVerification()
    {
    }

    /**
     * Whether a root commits to a key holding exactly this data; see {@link SparseMerkleTree#verifyInclusion}.
     */
    static boolean verifyInclusion(
        final Hasher hasher, final byte[] root, final byte[] key, final byte[] data, final SparseMerkleProof proof)
    {
        Objects.requireNonNull(hasher, "hasher");
        SparseMerkleTree.requireKey(key);
        SparseMerkleTree.requireHash(root);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(proof, "proof");
        if (0 == data.length || !proof.hasLeaf() || !proof.matchesLeafKey(key))
        {
            return false;
        }
        final byte[] value = new byte[Hasher.HASH_LENGTH];
        SparseMerkleHashing.dataHash(hasher, data, 0, data.length, value, 0);
        if (!proof.matchesLeafDataHash(value))
        {
            return false;
        }
        SparseMerkleHashing.leaf(hasher, key, 0, value, 0, value, 0);
        return foldsToRoot(hasher, root, key, value, proof);
    }

    /**
     * Whether a root holds no leaf for a key; see {@link SparseMerkleTree#verifyExclusion}.
     */
    static boolean verifyExclusion(
        final Hasher hasher, final byte[] root, final byte[] key, final SparseMerkleProof proof)
    {
        Objects.requireNonNull(hasher, "hasher");
        SparseMerkleTree.requireKey(key);
        SparseMerkleTree.requireHash(root);
        Objects.requireNonNull(proof, "proof");
        final byte[] value = new byte[Hasher.HASH_LENGTH];
        if (proof.hasLeaf())
        {
            final byte[] leafKey = proof.leafKeyView();
            final int difference = KeyBits.firstDifference(leafKey, 0, key, 0);
            if (KeyBits.NO_DIFFERENCE == difference || difference < proof.depth())
            {
                return false;
            }
            SparseMerkleHashing.leaf(hasher, leafKey, 0, proof.leafDataHashView(), 0, value, 0);
        }
        return foldsToRoot(hasher, root, key, value, proof);
    }

    private static boolean foldsToRoot(
        final Hasher hasher, final byte[] root, final byte[] key, final byte[] value, final SparseMerkleProof proof)
    {
        final byte[] siblings = proof.siblingsView();
        final int depth = proof.depth();
        int next = 0;
        for (int height = 0; height < depth; height++)
        {
            final int parentDepth = depth - 1 - height;
            final int bit = KeyBits.bit(key, 0, parentDepth);
            if (proof.isSiblingListed(height))
            {
                SparseMerkleHashing.parent(hasher, bit, value, 0, siblings, next * Hasher.HASH_LENGTH);
                next++;
            }
            else
            {
                SparseMerkleHashing.parentWithPlaceholder(hasher, bit, value, 0);
            }
        }
        return Arrays.equals(root, value);
    }
}
