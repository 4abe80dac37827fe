package io.novation.core.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Ethereum-style ECDSA signature over secp256k1: the 32-byte big-endian scalars {@code r} and {@code s} and the
 * recovery byte {@code v} (27 or 28 by convention, 0 or 1 in some encodings).
 * <p>
 * The value only checks its shape (lengths, {@code v} fits in a byte); whether it is a valid signature is for
 * {@link Secp256k1#recoverAddress(byte[], EcdsaSignature)} to decide. Arrays are copied in and out, so the value is
 * immutable; equality is over contents.
 *
 * @param r the x-coordinate of the nonce point modulo the group order, 32 bytes big-endian.
 * @param s the signature proof scalar, 32 bytes big-endian.
 * @param v the recovery byte, 0 to 255.
 */
public record EcdsaSignature(byte[] r, byte[] s, int v)
{
    /**
     * Length in bytes of each of {@code r} and {@code s}.
     */
    public static final int SCALAR_LENGTH = 32;

    /**
     * Length in bytes of the {@code r || s || v} encoding.
     */
    public static final int ENCODED_LENGTH = 2 * SCALAR_LENGTH + 1;

    /**
     * Validate the shape and take private copies of the scalars.
     */
    public EcdsaSignature
    {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        if (r.length != SCALAR_LENGTH || s.length != SCALAR_LENGTH)
        {
            throw new IllegalArgumentException(
                "r and s must be " + SCALAR_LENGTH + " bytes, got " + r.length + " and " + s.length);
        }
        if (v < 0 || v > 0xFF)
        {
            throw new IllegalArgumentException("v must fit in an unsigned byte: " + v);
        }
        r = r.clone();
        s = s.clone();
    }

    /**
     * Create a signature from its parts.
     *
     * @param r 32 bytes big-endian.
     * @param s 32 bytes big-endian.
     * @param v recovery byte, 0 to 255.
     * @return the signature.
     */
    public static EcdsaSignature of(final byte[] r, final byte[] s, final int v)
    {
        return new EcdsaSignature(r, s, v);
    }

    /**
     * Decode the 65-byte {@code r || s || v} encoding.
     *
     * @param bytes 65 bytes.
     * @return the signature.
     * @throws IllegalArgumentException if the length is not 65.
     */
    public static EcdsaSignature fromBytes65(final byte[] bytes)
    {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("signature must be " + ENCODED_LENGTH + " bytes, got " + bytes.length);
        }
        return new EcdsaSignature(
            Arrays.copyOfRange(bytes, 0, SCALAR_LENGTH),
            Arrays.copyOfRange(bytes, SCALAR_LENGTH, 2 * SCALAR_LENGTH),
            bytes[2 * SCALAR_LENGTH] & 0xFF);
    }

    /**
     * Compares {@code r} with another 32-byte big-endian integer, without copying it (for the acceptance rule).
     *
     * @param other 32 bytes big-endian.
     * @return negative, zero or positive as {@code r} is below, equal to or above {@code other}.
     */
    int compareR(final byte[] other)
    {
        return Arrays.compareUnsigned(r, other);
    }

    /**
     * Compares {@code s} with another 32-byte big-endian integer, without copying it (for the acceptance rule).
     *
     * @param other 32 bytes big-endian.
     * @return negative, zero or positive as {@code s} is below, equal to or above {@code other}.
     */
    int compareS(final byte[] other)
    {
        return Arrays.compareUnsigned(s, other);
    }

    /**
     * A cheap hash for tables keyed by signatures: the first four bytes of {@code r} and of {@code s} with {@code v}.
     * A signer cannot choose those bytes without grinding its nonce, so many valid signatures of one digest still
     * spread; equal signatures give equal values.
     *
     * @return the hash.
     */
    public int shortHash()
    {
        return 31 * (31 * firstWord(r) + firstWord(s)) + v;
    }

    private static int firstWord(final byte[] scalar)
    {
        return (scalar[0] & 0xff) << 24 | (scalar[1] & 0xff) << 16 | (scalar[2] & 0xff) << 8 | scalar[3] & 0xff;
    }

    /**
     * Copies {@code r || s}, the 64-byte compact form without {@code v}, into an array.
     *
     * @param target the array written.
     * @param offset index of the first of the 64 bytes.
     * @throws IndexOutOfBoundsException when the 64 bytes do not fit.
     */
    public void putCompact64(final byte[] target, final int offset)
    {
        Objects.checkFromIndexSize(offset, 2 * SCALAR_LENGTH, target.length);
        System.arraycopy(r, 0, target, offset, SCALAR_LENGTH);
        System.arraycopy(s, 0, target, offset + SCALAR_LENGTH, SCALAR_LENGTH);
    }

    /**
     * Encode as the 65 bytes {@code r || s || v}.
     *
     * @return a new array.
     */
    public byte[] toBytes65()
    {
        final byte[] bytes = new byte[ENCODED_LENGTH];
        System.arraycopy(r, 0, bytes, 0, SCALAR_LENGTH);
        System.arraycopy(s, 0, bytes, SCALAR_LENGTH, SCALAR_LENGTH);
        bytes[2 * SCALAR_LENGTH] = (byte)v;
        return bytes;
    }

    /**
     * Copies the 65 bytes {@code r || s || v} into an array, as {@link #toBytes65()} encodes them, without a new
     * array: what an encoder writes (the signature's own arrays are never handed out).
     *
     * @param target the array written.
     * @param offset index of the first of the 65 bytes.
     * @throws IndexOutOfBoundsException when the 65 bytes do not fit.
     */
    public void putBytes65(final byte[] target, final int offset)
    {
        System.arraycopy(r, 0, target, offset, SCALAR_LENGTH);
        System.arraycopy(s, 0, target, offset + SCALAR_LENGTH, SCALAR_LENGTH);
        target[offset + 2 * SCALAR_LENGTH] = (byte)v;
    }

    /**
     * The {@code r} scalar.
     *
     * @return a copy of the 32 bytes.
     */
    @Override
    public byte[] r()
    {
        return r.clone();
    }

    /**
     * The {@code s} scalar.
     *
     * @return a copy of the 32 bytes.
     */
    @Override
    public byte[] s()
    {
        return s.clone();
    }

    @Override
    public boolean equals(final Object o)
    {
        return this == o ||
            o instanceof EcdsaSignature that && v == that.v && Arrays.equals(r, that.r) && Arrays.equals(s, that.s);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * Arrays.hashCode(r) + Arrays.hashCode(s)) + v;
    }

    @Override
    public String toString()
    {
        return "EcdsaSignature{r=" + Hex.encode(r) + ", s=" + Hex.encode(s) + ", v=" + v + "}";
    }
}
