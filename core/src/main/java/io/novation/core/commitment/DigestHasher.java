package io.novation.core.commitment;

import org.bouncycastle.crypto.Digest;

/**
 * A {@link Hasher} over a BouncyCastle 32-byte digest. Not thread-safe: give each thread its own instance.
 */
abstract class DigestHasher implements Hasher
{
    private final Digest digest;
    private final String name;

    DigestHasher(final Digest digest, final String name)
    {
        if (digest.getDigestSize() != HASH_LENGTH)
        {
            throw new IllegalArgumentException(name + " is not a 32-byte digest");
        }
        this.digest = digest;
        this.name = name;
    }

    @Override
    public final void update(final byte value)
    {
        digest.update(value);
    }

    @Override
    public final void update(final byte[] source, final int offset, final int length)
    {
        digest.update(source, offset, length);
    }

    @Override
    public final void digest(final byte[] destination, final int offset)
    {
        digest.doFinal(destination, offset);
    }

    @Override
    public final void reset()
    {
        digest.reset();
    }

    @Override
    public final String toString()
    {
        return name;
    }
}
