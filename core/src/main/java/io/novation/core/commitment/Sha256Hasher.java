package io.novation.core.commitment;

import java.util.function.Supplier;

import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 as defined in FIPS 180-4, 32-byte digests; the hash of the Fuel sparse Merkle tree specification.
 * <p>
 * Not thread-safe: use {@link #FACTORY} to give each thread its own instance.
 */
public final class Sha256Hasher implements Hasher
{
    /**
     * Creates a fresh, independent instance.
     */
    public static final Supplier<Hasher> FACTORY = Sha256Hasher::new;

    private final SHA256Digest digest = new SHA256Digest();

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
        return "SHA-256";
    }
}
