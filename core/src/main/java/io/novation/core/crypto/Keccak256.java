package io.novation.core.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keccak-256 as used by Ethereum (original Keccak padding {@code 0x01}, rate 1088 bits), producing a 32-byte digest;
 * this is not FIPS-202 SHA3-256.
 * <p>
 * An instance is a reusable, single-threaded hasher that allocates nothing per message: {@link #update(byte[], int,
 * int)} any number of times, then {@link #digest(byte[], int)}, which also resets it for the next message. The static
 * forms allocate a fresh hasher and are safe to call from any thread. The sponge absorbs whole little-endian lanes
 * where it can and runs Keccak-f[1600] on 25 local variables (the permutation of the Keccak reference, FIPS 202
 * §3.2, with Ethereum's padding); the known-answer tests pin it to the reference digests.
 */
public final class Keccak256
{
    /**
     * Length of a digest in bytes.
     */
    public static final int DIGEST_LENGTH = 32;

    /** Bytes absorbed per permutation: 1600 - 2 x 256 bits. */
    private static final int RATE = 136;
    private static final int ROUNDS = 24;
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L};
    private static final VarHandle LANE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);

    private final long[] state = new long[25];
    /** Bytes of the current block absorbed so far, 0 to {@link #RATE} - 1. */
    private int position;

    /**
     * Hash a whole byte array.
     *
     * @param in message.
     * @return the 32-byte digest.
     */
    public static byte[] hash(final byte[] in)
    {
        Objects.requireNonNull(in, "in");
        return hash(in, 0, in.length);
    }

    /**
     * Hash a range of a byte array.
     *
     * @param in     holding the message.
     * @param offset of the first message byte.
     * @param length of the message in bytes.
     * @return the 32-byte digest.
     */
    public static byte[] hash(final byte[] in, final int offset, final int length)
    {
        final Keccak256 hasher = new Keccak256();
        hasher.update(in, offset, length);
        return hasher.digest();
    }

    /**
     * Absorb one byte of the current message.
     *
     * @param b byte to absorb.
     * @return this hasher.
     */
    public Keccak256 update(final byte b)
    {
        state[position >>> 3] ^= (b & 0xFFL) << ((position & 7) << 3);
        if (++position == RATE)
        {
            permute(state);
            position = 0;
        }
        return this;
    }

    /**
     * Absorb a whole byte array as part of the current message.
     *
     * @param in bytes to absorb.
     * @return this hasher.
     */
    public Keccak256 update(final byte[] in)
    {
        Objects.requireNonNull(in, "in");
        return update(in, 0, in.length);
    }

    /**
     * Absorb a range of a byte array as part of the current message.
     *
     * @param in     holding the bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return this hasher.
     */
    public Keccak256 update(final byte[] in, final int offset, final int length)
    {
        Objects.requireNonNull(in, "in");
        Objects.checkFromIndexSize(offset, length, in.length);
        int from = offset;
        final int end = offset + length;
        while (from < end && (position & 7) != 0)
        {
            update(in[from++]);
        }
        while (end - from >= 8)
        {
            state[position >>> 3] ^= (long)LANE.get(in, from);
            from += 8;
            position += 8;
            if (position == RATE)
            {
                permute(state);
                position = 0;
            }
        }
        while (from < end)
        {
            update(in[from++]);
        }
        return this;
    }

    /**
     * Finish the current message, write its digest and reset for the next message.
     *
     * @param out    to receive the 32-byte digest.
     * @param offset in {@code out} of the first digest byte.
     */
    public void digest(final byte[] out, final int offset)
    {
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(offset, DIGEST_LENGTH, out.length);
        state[position >>> 3] ^= 0x01L << ((position & 7) << 3);
        state[(RATE - 1) >>> 3] ^= 0x80L << (((RATE - 1) & 7) << 3);
        permute(state);
        for (int lane = 0; lane < DIGEST_LENGTH / 8; lane++)
        {
            LANE.set(out, offset + 8 * lane, state[lane]);
        }
        reset();
    }

    /**
     * Finish the current message, return its digest and reset for the next message.
     *
     * @return the 32-byte digest.
     */
    public byte[] digest()
    {
        final byte[] out = new byte[DIGEST_LENGTH];
        digest(out, 0);
        return out;
    }

    /**
     * Discard the bytes absorbed so far and start a new message.
     */
    public void reset()
    {
        Arrays.fill(state, 0L);
        position = 0;
    }

    private static void permute(final long[] state)
    {
        long a00 = state[0]; long a10 = state[1]; long a20 = state[2]; long a30 = state[3]; long a40 = state[4];
        long a01 = state[5]; long a11 = state[6]; long a21 = state[7]; long a31 = state[8]; long a41 = state[9];
        long a02 = state[10]; long a12 = state[11]; long a22 = state[12]; long a32 = state[13]; long a42 = state[14];
        long a03 = state[15]; long a13 = state[16]; long a23 = state[17]; long a33 = state[18]; long a43 = state[19];
        long a04 = state[20]; long a14 = state[21]; long a24 = state[22]; long a34 = state[23]; long a44 = state[24];
        for (int round = 0; round < ROUNDS; round++)
        {
            final long c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            final long c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            final long c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            final long c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            final long c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            final long d0 = c4 ^ Long.rotateLeft(c1, 1);
            final long d1 = c0 ^ Long.rotateLeft(c2, 1);
            final long d2 = c1 ^ Long.rotateLeft(c3, 1);
            final long d3 = c2 ^ Long.rotateLeft(c4, 1);
            final long d4 = c3 ^ Long.rotateLeft(c0, 1);
            final long b00 = (a00 ^ d0);
            final long b10 = Long.rotateLeft(a11 ^ d1, 44);
            final long b20 = Long.rotateLeft(a22 ^ d2, 43);
            final long b30 = Long.rotateLeft(a33 ^ d3, 21);
            final long b40 = Long.rotateLeft(a44 ^ d4, 14);
            final long b01 = Long.rotateLeft(a30 ^ d3, 28);
            final long b11 = Long.rotateLeft(a41 ^ d4, 20);
            final long b21 = Long.rotateLeft(a02 ^ d0, 3);
            final long b31 = Long.rotateLeft(a13 ^ d1, 45);
            final long b41 = Long.rotateLeft(a24 ^ d2, 61);
            final long b02 = Long.rotateLeft(a10 ^ d1, 1);
            final long b12 = Long.rotateLeft(a21 ^ d2, 6);
            final long b22 = Long.rotateLeft(a32 ^ d3, 25);
            final long b32 = Long.rotateLeft(a43 ^ d4, 8);
            final long b42 = Long.rotateLeft(a04 ^ d0, 18);
            final long b03 = Long.rotateLeft(a40 ^ d4, 27);
            final long b13 = Long.rotateLeft(a01 ^ d0, 36);
            final long b23 = Long.rotateLeft(a12 ^ d1, 10);
            final long b33 = Long.rotateLeft(a23 ^ d2, 15);
            final long b43 = Long.rotateLeft(a34 ^ d3, 56);
            final long b04 = Long.rotateLeft(a20 ^ d2, 62);
            final long b14 = Long.rotateLeft(a31 ^ d3, 55);
            final long b24 = Long.rotateLeft(a42 ^ d4, 39);
            final long b34 = Long.rotateLeft(a03 ^ d0, 41);
            final long b44 = Long.rotateLeft(a14 ^ d1, 2);
            a00 = b00 ^ (~b10 & b20);
            a10 = b10 ^ (~b20 & b30);
            a20 = b20 ^ (~b30 & b40);
            a30 = b30 ^ (~b40 & b00);
            a40 = b40 ^ (~b00 & b10);
            a01 = b01 ^ (~b11 & b21);
            a11 = b11 ^ (~b21 & b31);
            a21 = b21 ^ (~b31 & b41);
            a31 = b31 ^ (~b41 & b01);
            a41 = b41 ^ (~b01 & b11);
            a02 = b02 ^ (~b12 & b22);
            a12 = b12 ^ (~b22 & b32);
            a22 = b22 ^ (~b32 & b42);
            a32 = b32 ^ (~b42 & b02);
            a42 = b42 ^ (~b02 & b12);
            a03 = b03 ^ (~b13 & b23);
            a13 = b13 ^ (~b23 & b33);
            a23 = b23 ^ (~b33 & b43);
            a33 = b33 ^ (~b43 & b03);
            a43 = b43 ^ (~b03 & b13);
            a04 = b04 ^ (~b14 & b24);
            a14 = b14 ^ (~b24 & b34);
            a24 = b24 ^ (~b34 & b44);
            a34 = b34 ^ (~b44 & b04);
            a44 = b44 ^ (~b04 & b14);
            a00 ^= ROUND_CONSTANTS[round];
        }
        state[0] = a00; state[1] = a10; state[2] = a20; state[3] = a30; state[4] = a40;
        state[5] = a01; state[6] = a11; state[7] = a21; state[8] = a31; state[9] = a41;
        state[10] = a02; state[11] = a12; state[12] = a22; state[13] = a32; state[14] = a42;
        state[15] = a03; state[16] = a13; state[17] = a23; state[18] = a33; state[19] = a43;
        state[20] = a04; state[21] = a14; state[22] = a24; state[23] = a34; state[24] = a44;
    }
}
