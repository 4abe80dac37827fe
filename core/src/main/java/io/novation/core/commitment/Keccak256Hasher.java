package io.novation.core.commitment;

import java.util.function.Supplier;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's Keccak-256 (original Keccak padding {@code 0x01}, not FIPS-202 SHA3-256), 32-byte digests.
 * <p>
 * Not thread-safe: use {@link #FACTORY} to give each thread its own instance.
 */
public final class Keccak256Hasher implements Hasher
{
    /**
     * Creates a fresh, independent instance.
     */
    public static final Supplier<Hasher> FACTORY = Keccak256Hasher::new;

    private static final int BIT_LENGTH = 256;

    private final KeccakDigest digest = new KeccakDigest(BIT_LENGTH);

    /**
     * {@inheritDoc}
     */
    @Override
    public void update(final byte value)
    {
        digest.update(value);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void update(final byte[] source, final int offset, final int length)
    {
        digest.update(source, offset, length);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void digest(final byte[] destination, final int offset)
    {
        digest.doFinal(destination, offset);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void reset()
    {
        digest.reset();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "Keccak-256";
    }
}
