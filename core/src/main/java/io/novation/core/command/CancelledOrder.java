package io.novation.core.command;

import java.util.Arrays;
import java.util.Objects;

/**
 * One order named by a cancel: its 32-byte EIP-712 digest and its expiry in epoch milliseconds (the cancel is kept
 * until then, after which the order could not fill anyway). Immutable; equal by content.
 */
public final class CancelledOrder
{
    private final byte[] digest;
    private final long expiry;

    private CancelledOrder(final byte[] digest, final long expiry)
    {
        this.digest = digest;
        this.expiry = expiry;
    }

    /**
     * An order reference.
     *
     * @param digest the order's digest, 32 bytes (copied).
     * @param expiry the order's expiry, epoch ms.
     * @return the reference.
     * @throws IllegalArgumentException when the digest is not 32 bytes.
     */
    public static CancelledOrder of(final byte[] digest, final long expiry)
    {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != 32)
        {
            throw new IllegalArgumentException("an order digest is 32 bytes, got " + digest.length);
        }
        return new CancelledOrder(digest.clone(), expiry);
    }

    /**
     * The order's digest.
     *
     * @return 32 bytes; do not modify.
     */
    public byte[] digest()
    {
        return digest;
    }

    public long expiry()
    {
        return expiry;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof CancelledOrder other && expiry == other.expiry && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(digest) * 31 + Long.hashCode(expiry);
    }

    @Override
    public String toString()
    {
        return io.novation.core.crypto.Hex.encode(digest) + "@" + expiry;
    }
}
