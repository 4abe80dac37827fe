package io.novation.core.commitment;

import io.novation.core.account.Address;
import io.novation.core.crypto.Keccak256;

import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree over the withdrawals one batch queued, in withdrawal id order, which the bridge contract pays
 * against. A leaf is {@code keccak256(withdrawalId (8) || owner (20) || assetId (4) || amount (8))} (40 bytes,
 * big-endian, Solidity's {@code abi.encodePacked(uint64, address, uint32, uint64)}); amounts in quantums of the
 * asset. The leaves fill the first positions of a tree of {@code 2^d} leaves, {@code d} the least depth that holds
 * them all (0 for one leaf: the root is the leaf), missing leaves and empty subtrees being 32 zero bytes; an inner
 * node is {@code keccak256(left || right)} (64 bytes, so that no inner node can pass for a 40-byte leaf). A batch
 * without withdrawals has the root of 32 zero bytes.
 */
public final class WithdrawalTree
{
    /** Bytes of a leaf's preimage. */
    public static final int LEAF_PREIMAGE_LENGTH = 8 + 20 + 4 + 8;

    private static final byte[] ZERO = new byte[32];

    private WithdrawalTree()
    {
    }

    /**
     * The hash of one withdrawal.
     *
     * @param withdrawalId the engine's withdrawal id.
     * @param owner        who is paid on the base chain.
     * @param assetId      asset.
     * @param amount       quantums.
     * @return 32 bytes.
     */
    public static byte[] leaf(final long withdrawalId, final Address owner, final int assetId, final long amount)
    {
        final byte[] preimage = new byte[LEAF_PREIMAGE_LENGTH];
        putLong(preimage, 0, withdrawalId);
        owner.putBytes(preimage, 8);
        preimage[28] = (byte)(assetId >>> 24);
        preimage[29] = (byte)(assetId >>> 16);
        preimage[30] = (byte)(assetId >>> 8);
        preimage[31] = (byte)assetId;
        putLong(preimage, 32, amount);
        return Keccak256.hash(preimage);
    }

    /**
     * Depth of the tree of a number of leaves.
     *
     * @param leafCount number of leaves.
     * @return the least {@code d} with {@code 2^d >= leafCount} (0 for 0 or 1 leaf).
     */
    public static int depth(final int leafCount)
    {
        return leafCount <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(leafCount - 1);
    }

    /**
     * The root over leaves.
     *
     * @param leaves leaf hashes in order.
     * @return 32 bytes; zeros when there is no leaf.
     */
    public static byte[] root(final List<byte[]> leaves)
    {
        if (leaves.isEmpty())
        {
            return ZERO.clone();
        }
        byte[][] level = leaves.toArray(new byte[0][]);
        while (level.length > 1)
        {
            level = parents(level);
        }
        return level[0].clone();
    }

    /**
     * The siblings of a leaf from the bottom up, {@link #depth(int)} of them.
     *
     * @param leaves leaf hashes in order.
     * @param index  the leaf's position.
     * @return the sibling hashes.
     */
    public static byte[][] proof(final List<byte[]> leaves, final int index)
    {
        if (index < 0 || index >= leaves.size())
        {
            throw new IllegalArgumentException("no leaf " + index + " among " + leaves.size());
        }
        final byte[][] siblings = new byte[depth(leaves.size())][];
        byte[][] level = leaves.toArray(new byte[0][]);
        int position = index;
        for (int height = 0; height < siblings.length; height++)
        {
            final int sibling = position ^ 1;
            siblings[height] = sibling < level.length ? level[sibling].clone() : ZERO.clone();
            level = parents(level);
            position >>>= 1;
        }
        return siblings;
    }

    /**
     * Whether a leaf at a position folds up to a root through its siblings, as the bridge contract checks.
     *
     * @param root     32 bytes.
     * @param leaf     32 bytes.
     * @param index    the leaf's position.
     * @param siblings from the bottom up.
     * @return true when the path recomputes the root.
     */
    public static boolean verify(final byte[] root, final byte[] leaf, final long index, final byte[][] siblings)
    {
        if (index < 0 || (siblings.length < 63 && index >= (1L << siblings.length)))
        {
            return false;
        }
        byte[] value = leaf.clone();
        long position = index;
        for (final byte[] sibling : siblings)
        {
            value = (position & 1) == 0 ? node(value, sibling) : node(sibling, value);
            position >>>= 1;
        }
        return Arrays.equals(value, root);
    }

    private static byte[][] parents(final byte[][] level)
    {
        final byte[][] parents = new byte[(level.length + 1) / 2][];
        for (int i = 0; i < parents.length; i++)
        {
            final byte[] right = 2 * i + 1 < level.length ? level[2 * i + 1] : ZERO;
            parents[i] = node(level[2 * i], right);
        }
        return parents;
    }

    private static byte[] node(final byte[] left, final byte[] right)
    {
        final byte[] both = new byte[64];
        System.arraycopy(left, 0, both, 0, 32);
        System.arraycopy(right, 0, both, 32, 32);
        return Keccak256.hash(both);
    }

    private static void putLong(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }
}
