package io.novation.core.crypto;

import java.util.Objects;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as used by Ethereum (original Keccak padding {@code 0x01}, rate 1088 bits), producing a 32-byte digest;
 * this is not FIPS-202 SHA3-256.
 * <p>
 * An instance is a reusable, single-threaded hasher that allocates nothing per message: {@link #update(byte[], int,
 * int)} any number of times, then {@link #digest(byte[], int)}, which also resets it for the next message. The static
 * forms allocate a fresh hasher and are safe to call from any thread.
 */
public final class Keccak256
{
    /**
     * Length of a digest in bytes.
     */
    public static final int DIGEST_LENGTH = 32;

    private final KeccakDigest keccak = new KeccakDigest(DIGEST_LENGTH * 8);

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
        keccak.update(b);
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
        keccak.update(in, 0, in.length);
        return this;
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
        keccak.update(in, offset, length);
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
        keccak.doFinal(out, offset);
    }

    /**
     * Finish the current message, return its digest and reset for the next message.
     *
     * @return the 32-byte digest.
     */
    public byte[] digest()
    {
        final byte[] out = new byte[DIGEST_LENGTH];
        keccak.doFinal(out, 0);
        return out;
    }

    /**
     * Discard the bytes absorbed so far and start a new message.
     */
    public void reset()
    {
        keccak.reset();
    }
}
