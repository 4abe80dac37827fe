package io.novation.core.commitment;

import java.util.function.Supplier;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's Keccak-256 (original Keccak padding {@code 0x01}, not FIPS-202 SHA3-256), 32-byte digests.
 * <p>
 * Not thread-safe: use {@link #FACTORY} to give each thread its own instance.
 */
public final class Keccak256Hasher extends DigestHasher
{
    /**
     * Creates a fresh, independent instance.
     */
    public static final Supplier<Hasher> FACTORY = Keccak256Hasher::new;

    /**
     * A fresh Keccak-256 hasher.
     */
    public Keccak256Hasher()
    {
        super(new KeccakDigest(256), "Keccak-256");
    }
}
