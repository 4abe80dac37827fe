package io.novation.core.commitment;

import java.util.function.Supplier;

import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 (FIPS 180-4), 32-byte digests: the hash of the Fuel sparse Merkle tree test vectors.
 * <p>
 * Not thread-safe: use {@link #FACTORY} to give each thread its own instance.
 */
public final class Sha256Hasher extends DigestHasher
{
    /**
     * Creates a fresh, independent instance.
     */
    public static final Supplier<Hasher> FACTORY = Sha256Hasher::new;

    /**
     * A fresh SHA-256 hasher.
     */
    public Sha256Hasher()
    {
        super(new SHA256Digest(), "SHA-256");
    }
}
