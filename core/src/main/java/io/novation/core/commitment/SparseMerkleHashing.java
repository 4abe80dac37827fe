package io.novation.core.commitment;

/**
 * The three node values of the Fuel sparse Merkle tree: a leaf {@code H(0x00 || key || H(data))}, an internal node
 * {@code H(0x01 || left || right)} and the placeholder of an empty subtree, 32 zero bytes.
 * <p>
 * Every method absorbs its inputs before writing its output, so the output may overwrite an input.
 */
final class SparseMerkleHashing
{
    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;
    static final int HASH_LENGTH = Hasher.HASH_LENGTH;

    private static final byte[] PLACEHOLDER = new byte[HASH_LENGTH];

    private SparseMerkleHashing()
    {
    }

    static void dataHash(
        final Hasher hasher,
        final byte[] data,
        final int offset,
        final int length,
        final byte[] out,
        final int outOffset)
    {
        hasher.reset();
        hasher.update(data, offset, length);
        hasher.digest(out, outOffset);
    }

    static void leaf(
        final Hasher hasher,
        final byte[] key,
        final int keyOffset,
        final byte[] dataHash,
        final int dataHashOffset,
        final byte[] out,
        final int outOffset)
    {
        hasher.reset();
        hasher.update(LEAF_PREFIX);
        hasher.update(key, keyOffset, KeyBits.KEY_LENGTH);
        hasher.update(dataHash, dataHashOffset, HASH_LENGTH);
        hasher.digest(out, outOffset);
    }

    static void node(
        final Hasher hasher,
        final byte[] left,
        final int leftOffset,
        final byte[] right,
        final int rightOffset,
        final byte[] out,
        final int outOffset)
    {
        hasher.reset();
        hasher.update(NODE_PREFIX);
        hasher.update(left, leftOffset, HASH_LENGTH);
        hasher.update(right, rightOffset, HASH_LENGTH);
        hasher.digest(out, outOffset);
    }

    /**
     * Replace {@code value} by its parent whose other child is the placeholder; {@code valueBit} 0 puts the value on
     * the left, 1 on the right.
     */
    static void parentWithPlaceholder(final Hasher hasher, final int valueBit, final byte[] value, final int offset)
    {
        parent(hasher, valueBit, value, offset, PLACEHOLDER, 0);
    }

    /**
     * Replace {@code value} by its parent with a sibling; {@code valueBit} 0 puts the value on the left, 1 on the
     * right.
     */
    static void parent(
        final Hasher hasher,
        final int valueBit,
        final byte[] value,
        final int offset,
        final byte[] sibling,
        final int siblingOffset)
    {
        if (0 == valueBit)
        {
            node(hasher, value, offset, sibling, siblingOffset, value, offset);
        }
        else
        {
            node(hasher, sibling, siblingOffset, value, offset, value, offset);
        }
    }
}
