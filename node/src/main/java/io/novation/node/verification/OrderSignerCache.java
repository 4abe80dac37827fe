package io.novation.node.verification;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signer each signed order's signature recovered to, keyed by the order's 32-byte EIP-712 digest and its 65-byte
 * signature and kept for the order's life (until its expiry, epoch ms, as the engine's fill book keeps its fills), so
 * that a maker order filled a hundred times costs one recovery. A hit answers exactly what recovery answered for the
 * same digest and signature (recovery is a pure function of them), so the cache never changes an outcome; who may
 * sign for the account (a session key revoked since) is judged again on every hit by the caller. Bounded: when full,
 * expired orders are pruned and, if it is still full, every entry is dropped (a miss only costs a recovery).
 * Only successful recoveries are kept, so junk signatures cannot fill it. A prune walks the entries only once some
 * kept order is due. Thread-safe.
 */
public final class OrderSignerCache
{
    /** The capacity a node uses: 200,000 live orders, about 40 MiB. */
    public static final int DEFAULT_CAPACITY = 200_000;

    private final int capacity;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private volatile long prunedUpTo = Long.MIN_VALUE;
    /**
     * No kept order expires before this (epoch ms; it may be lower than the earliest expiry kept, never higher), so a
     * prune at an earlier time walks nothing: the engine's once-a-second prune costs nothing while no order is due.
     */
    private final AtomicLong earliestExpiry = new AtomicLong(Long.MAX_VALUE);

    private record Entry(Address signer, long expiry)
    {
    }

    /**
     * A digest and a signature, compared by content. A lookup's key holds the caller's digest; a kept key holds a
     * copy of it (the signature is immutable).
     */
    static final class Key
    {
        private static final VarHandle DIGEST_WORD = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.BIG_ENDIAN);

        private final byte[] digest;
        private final EcdsaSignature signature;
        private final int hash;

        Key(final byte[] digest, final EcdsaSignature signature)
        {
            this.digest = digest;
            this.signature = signature;
            // The digest is a Keccak-256 output, so its first four bytes spread keys of different orders; the
            // signature's short hash spreads the keys of one order signed many times (one digest, other nonces),
            // which would otherwise all share one hash and be searched one by one.
            this.hash = hashOf(digest, signature);
        }

        static int hashOf(final byte[] digest, final EcdsaSignature signature)
        {
            return 31 * (int)DIGEST_WORD.get(digest, 0) + signature.shortHash();
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Key that && hash == that.hash && Arrays.equals(digest, that.digest) &&
                signature.equals(that.signature);
        }

        @Override
        public int hashCode()
        {
            return hash;
        }
    }

    /**
     * A cache.
     *
     * @param capacity the most orders kept, positive.
     */
    public OrderSignerCache(final int capacity)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The signer recovered earlier for a digest and signature.
     *
     * @param digest    the order's 32-byte digest.
     * @param signature its signature.
     * @return the signer, or null when not cached.
     */
    public Address signer(final byte[] digest, final EcdsaSignature signature)
    {
        if (digest == null || digest.length != 32 || signature == null)
        {
            return null;
        }
        final Entry entry = entries.get(new Key(digest, signature));
        return entry == null ? null : entry.signer();
    }

    /**
     * Keeps the signer a recovery answered, until the order's expiry.
     *
     * @param digest    the order's 32-byte digest.
     * @param signature its signature.
     * @param signer    what recovery answered, not null.
     * @param expiry    the order's expiry, epoch ms.
     */
    public void remember(final byte[] digest, final EcdsaSignature signature, final Address signer,
        final long expiry)
    {
        if (digest == null || digest.length != 32 || signature == null || signer == null || expiry <= prunedUpTo)
        {
            return;
        }
        if (entries.size() >= capacity)
        {
            pruneExpired(prunedUpTo);
            if (entries.size() >= capacity)
            {
                entries.clear();
            }
        }
        entries.put(new Key(digest.clone(), signature), new Entry(signer, expiry));
        // After the put: a prune that reset the bound before this line walks a map that already holds the entry.
        long earliest = earliestExpiry.get();
        while (expiry < earliest && !earliestExpiry.compareAndSet(earliest, expiry))
        {
            earliest = earliestExpiry.get();
        }
    }

    /**
     * Forgets every order whose expiry is at or before a time (it can no longer fill), as the fill book prunes them.
     *
     * @param time epoch ms: the engine's time.
     * @return the number forgotten.
     */
    public int pruneExpired(final long time)
    {
        if (time > prunedUpTo)
        {
            prunedUpTo = time;
        }
        if (time < earliestExpiry.get())
        {
            return 0;
        }
        // Reset before the walk: an entry put during it lowers the bound itself, one put before it is walked.
        earliestExpiry.set(Long.MAX_VALUE);
        int pruned = 0;
        long earliestKept = Long.MAX_VALUE;
        final Iterator<Map.Entry<Key, Entry>> all = entries.entrySet().iterator();
        while (all.hasNext())
        {
            final long expiry = all.next().getValue().expiry();
            if (expiry <= time)
            {
                all.remove();
                pruned++;
            }
            else
            {
                earliestKept = Math.min(earliestKept, expiry);
            }
        }
        earliestExpiry.accumulateAndGet(earliestKept, Math::min);
        return pruned;
    }

    /**
     * How many orders are kept.
     *
     * @return the count.
     */
    public int size()
    {
        return entries.size();
    }

    /**
     * The most orders kept.
     *
     * @return the capacity.
     */
    public int capacity()
    {
        return capacity;
    }
}
