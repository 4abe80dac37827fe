package io.novation.core.commitment;

import java.util.Arrays;

/**
 * Bit access to 256-bit keys in tree path order: bit 0 is the most significant bit of byte 0, bit 255 the least
 * significant bit of byte 31; a bit of 0 goes left, 1 goes right.
 */
final class KeyBits
{
    static final int KEY_LENGTH = 32;
    static final int KEY_BITS = KEY_LENGTH * Byte.SIZE;
    static final int NO_DIFFERENCE = -1;

    private KeyBits()
    {
    }

    /**
     * The path bit of a key at a depth in [0, 256).
     */
    static int bit(final byte[] key, final int keyOffset, final int depth)
    {
        return (key[keyOffset + (depth >>> 3)] >>> (7 - (depth & 7))) & 1;
    }

    /**
     * Depth of the first path bit where two keys differ, or {@link #NO_DIFFERENCE} when they are equal.
     */
    static int firstDifference(final byte[] a, final int aOffset, final byte[] b, final int bOffset)
    {
        final int byteIndex = Arrays.mismatch(a, aOffset, aOffset + KEY_LENGTH, b, bOffset, bOffset + KEY_LENGTH);
        if (byteIndex < 0)
        {
            return NO_DIFFERENCE;
        }
        final int differentBits = (a[aOffset + byteIndex] ^ b[bOffset + byteIndex]) & 0xFF;
        return (byteIndex << 3) + Integer.numberOfLeadingZeros(differentBits) - (Integer.SIZE - Byte.SIZE);
    }
}
