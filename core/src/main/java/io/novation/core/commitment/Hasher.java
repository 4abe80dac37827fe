package io.novation.core.commitment;

/**
 * A 32-byte cryptographic hash function used as a reusable streaming digest: feed bytes with {@code update},
 * finish with {@link #digest(byte[], int)}, which also resets it for the next message.
 * <p>
 * Instances keep internal state and are not thread-safe; give each thread its own, for example through the
 * {@code FACTORY} supplier of an implementation.
 */
public interface Hasher
{
    /**
     * Length in bytes of every digest.
     */
    int HASH_LENGTH = 32;

    /**
     * Absorb one byte into the message being hashed.
     *
     * @param value the byte.
     */
    void update(byte value);

    /**
     * Absorb a range of bytes into the message being hashed.
     *
     * @param source the bytes.
     * @param offset first byte to absorb.
     * @param length number of bytes to absorb.
     */
    void update(byte[] source, int offset, int length);

    /**
     * Finish the message, write its {@link #HASH_LENGTH}-byte digest and reset for the next message.
     *
     * @param destination where the digest is written.
     * @param offset      first byte written.
     */
    void digest(byte[] destination, int offset);

    /**
     * Discard any bytes absorbed since the last digest.
     */
    void reset();

    /**
     * Hash a range of bytes into a new array.
     *
     * @param data   the bytes.
     * @param offset first byte hashed.
     * @param length number of bytes hashed.
     * @return a new {@link #HASH_LENGTH}-byte digest.
     */
    default byte[] hash(final byte[] data, final int offset, final int length)
    {
        final byte[] digest = new byte[HASH_LENGTH];
        reset();
        update(data, offset, length);
        digest(digest, 0);
        return digest;
    }

    /**
     * Hash the concatenation {@code a || b} into a destination without allocating.
     *
     * @param a                 first part.
     * @param aOffset           first byte of the first part.
     * @param aLength           length of the first part.
     * @param b                 second part.
     * @param bOffset           first byte of the second part.
     * @param bLength           length of the second part.
     * @param destination       where the digest is written.
     * @param destinationOffset first byte written.
     */
    default void hash(
        final byte[] a,
        final int aOffset,
        final int aLength,
        final byte[] b,
        final int bOffset,
        final int bLength,
        final byte[] destination,
        final int destinationOffset)
    {
        reset();
        update(a, aOffset, aLength);
        update(b, bOffset, bLength);
        digest(destination, destinationOffset);
    }
}
