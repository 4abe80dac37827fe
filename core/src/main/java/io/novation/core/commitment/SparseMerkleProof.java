package io.novation.core.commitment;

import java.util.Arrays;

/**
 * A compact Merkle path from the root of a {@link SparseMerkleTree} down one key's path, in the layout of the Fuel
 * specification: the depth where the path ends, a 256-bit bitmap of the siblings that are not the placeholder, those
 * siblings' 32-byte values, and the leaf found where the path ends, if any.
 * <p>
 * Bit {@code j} of {@code siblingBitmap} (big-endian: bit 0 is the least significant bit of byte 31) describes the
 * sibling at depth {@code depth - j}: 1 when its value is listed in {@code siblings}, 0 when it is the placeholder.
 * {@code siblings} concatenates the listed values starting from the neighbour of the end of the path. The found leaf
 * ({@code leafKey}, {@code leafDataHash}) is the queried key for an inclusion proof, another key sharing the first
 * {@code depth} path bits for an exclusion proof, or absent (both empty) when the path ends in an empty subtree.
 * <p>
 * Arrays are copied in and out, so an instance is immutable.
 *
 * @param depth         depth of the end of the path, the root being at depth 0, in [0, 256].
 * @param siblingBitmap 32 bytes, no bit set at or above {@code depth}.
 * @param siblings      32 bytes per bit set in {@code siblingBitmap}, nearest to the end of the path first.
 * @param leafKey       32-byte key of the leaf at the end of the path, or empty.
 * @param leafDataHash  32-byte hash of that leaf's data, or empty (exactly when {@code leafKey} is).
 */
public record SparseMerkleProof(int depth, byte[] siblingBitmap, byte[] siblings, byte[] leafKey, byte[] leafDataHash)
{
    /**
     * Length in bytes of {@link #siblingBitmap()}.
     */
    public static final int BITMAP_LENGTH = 32;

    private static final int HASH_LENGTH = Hasher.HASH_LENGTH;

    /**
     * Validate and copy the components.
     */
    public SparseMerkleProof
    {
        if (depth < 0 || depth > KeyBits.KEY_BITS)
        {
            throw new IllegalArgumentException("depth must be in [0, 256]: " + depth);
        }
        requireLength("siblingBitmap", siblingBitmap, BITMAP_LENGTH);
        int listed = 0;
        for (int height = 0; height < KeyBits.KEY_BITS; height++)
        {
            if (isBitSet(siblingBitmap, height))
            {
                if (height >= depth)
                {
                    throw new IllegalArgumentException("siblingBitmap has bit " + height + " set at depth " + depth);
                }
                listed++;
            }
        }
        requireLength("siblings", siblings, listed * HASH_LENGTH);
        if (null == leafKey || null == leafDataHash)
        {
            throw new IllegalArgumentException("leafKey and leafDataHash must not be null");
        }
        if (leafKey.length != leafDataHash.length ||
            (leafKey.length != 0 && leafKey.length != KeyBits.KEY_LENGTH))
        {
            throw new IllegalArgumentException(
                "leafKey and leafDataHash must both be empty or both 32 bytes: " + leafKey.length + ", " +
                leafDataHash.length);
        }
        siblingBitmap = siblingBitmap.clone();
        siblings = siblings.clone();
        leafKey = leafKey.clone();
        leafDataHash = leafDataHash.clone();
    }

    /**
     * The bitmap of listed siblings, copied.
     *
     * @return 32 bytes.
     */
    @Override
    public byte[] siblingBitmap()
    {
        return siblingBitmap.clone();
    }

    /**
     * The listed sibling values concatenated, copied.
     *
     * @return 32 bytes per listed sibling.
     */
    @Override
    public byte[] siblings()
    {
        return siblings.clone();
    }

    /**
     * Key of the leaf at the end of the path, copied.
     *
     * @return 32 bytes, or empty when the path ends in an empty subtree.
     */
    @Override
    public byte[] leafKey()
    {
        return leafKey.clone();
    }

    /**
     * Hash of the data of the leaf at the end of the path, copied.
     *
     * @return 32 bytes, or empty when the path ends in an empty subtree.
     */
    @Override
    public byte[] leafDataHash()
    {
        return leafDataHash.clone();
    }

    /**
     * Whether the path ends at a leaf rather than in an empty subtree.
     *
     * @return true when {@link #leafKey()} is present.
     */
    public boolean hasLeaf()
    {
        return leafKey.length != 0;
    }

    /**
     * Number of siblings listed explicitly.
     *
     * @return {@code siblings().length / 32}.
     */
    public int siblingCount()
    {
        return siblings.length / HASH_LENGTH;
    }

    /**
     * Whether the sibling at depth {@code depth - height} is listed rather than the placeholder.
     *
     * @param height 0 for the neighbour of the end of the path, up to {@code depth - 1} for a child of the root.
     * @return true when the sibling's value is in {@link #siblings()}.
     */
    public boolean isSiblingListed(final int height)
    {
        return height >= 0 && height < depth && isBitSet(siblingBitmap, height);
    }

    boolean matchesLeafKey(final byte[] key)
    {
        return Arrays.equals(leafKey, key);
    }

    boolean matchesLeafDataHash(final byte[] dataHash)
    {
        return Arrays.equals(leafDataHash, dataHash);
    }

    byte[] siblingsView()
    {
        return siblings;
    }

    byte[] leafKeyView()
    {
        return leafKey;
    }

    byte[] leafDataHashView()
    {
        return leafDataHash;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        return other instanceof SparseMerkleProof that &&
            depth == that.depth &&
            Arrays.equals(siblingBitmap, that.siblingBitmap) &&
            Arrays.equals(siblings, that.siblings) &&
            Arrays.equals(leafKey, that.leafKey) &&
            Arrays.equals(leafDataHash, that.leafDataHash);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int hashCode()
    {
        int result = depth;
        result = 31 * result + Arrays.hashCode(siblingBitmap);
        result = 31 * result + Arrays.hashCode(siblings);
        result = 31 * result + Arrays.hashCode(leafKey);
        result = 31 * result + Arrays.hashCode(leafDataHash);
        return result;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "SparseMerkleProof{depth=" + depth + ", siblings=" + siblingCount() +
            ", leaf=" + (hasLeaf() ? "present" : "absent") + '}';
    }

    static boolean isBitSet(final byte[] bitmap, final int height)
    {
        return ((bitmap[BITMAP_LENGTH - 1 - (height >>> 3)] >>> (height & 7)) & 1) != 0;
    }

    static void setBit(final byte[] bitmap, final int height)
    {
        bitmap[BITMAP_LENGTH - 1 - (height >>> 3)] |= (byte)(1 << (height & 7));
    }

    private static void requireLength(final String name, final byte[] value, final int length)
    {
        if (null == value || value.length != length)
        {
            throw new IllegalArgumentException(
                name + " must be " + length + " bytes: " + (null == value ? "null" : value.length));
        }
    }
}
