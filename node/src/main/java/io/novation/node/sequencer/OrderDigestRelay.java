package io.novation.node.sequencer;

import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Hands the EIP-712 digests of each sequenced fill's orders (32 bytes each, computed once per order by a verifier
 * thread or the engine) from the sequencer to a follower that re-executes the journal in the same process (the
 * history), so that its replica engine's fill book reuses them instead of hashing every order again. A bounded ring
 * indexed by journal sequence: a follower that runs more than its capacity behind, or reads a record sequenced before
 * this process started, finds nothing and hashes the order itself. A digest is handed over only to an order equal
 * field for field (and signature) to the one sequenced, so a relay can never give an order another order's digest.
 * One writer (the sequencer's thread) and any number of readers.
 */
public final class OrderDigestRelay
{
    /** Fills the ring holds by default: some seconds of a fast node's fills. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private final AtomicReferenceArray<Entry> ring;
    private final int mask;
    private final byte[] domainSeparator;

    /** One sequenced fill: its sequence, its orders and their digests (immutable once published). */
    private record Entry(long sequence, Order maker, byte[] makerDigest, Order taker, byte[] takerDigest)
    {
    }

    /**
     * A relay.
     *
     * @param capacity        fills held, a power of two.
     * @param domainSeparator the engine's EIP-712 domain separator, under which every digest is computed.
     */
    public OrderDigestRelay(final int capacity, final byte[] domainSeparator)
    {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.ring = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
        this.domainSeparator = domainSeparator.clone();
    }

    /**
     * Records the orders of a fill the sequencer journaled at a sequence; called on the sequencer's thread, which
     * then owns the orders (their digests are computed here when the engine did not need them).
     *
     * @param sequence the fill's journal sequence.
     * @param fill     the fill as journaled.
     */
    public void sequenced(final long sequence, final SettleTrade fill)
    {
        final Order maker = fill.maker();
        final Order taker = fill.taker();
        if (maker == null || taker == null)
        {
            return;
        }
        ring.set((int)sequence & mask, new Entry(sequence, maker, maker.digest(domainSeparator), taker,
            taker.digest(domainSeparator)));
    }

    /**
     * Gives a replayed fill's orders the digests of the orders sequenced at the same sequence, where the relay still
     * holds them and the orders are the same; the others keep computing their own.
     *
     * @param sequence the replayed record's sequence.
     * @param fill     the fill decoded from the record.
     * @return how many of its two orders received a digest.
     */
    public int reuse(final long sequence, final SettleTrade fill)
    {
        final Entry entry = ring.get((int)sequence & mask);
        if (entry == null || entry.sequence() != sequence)
        {
            return 0;
        }
        int reused = 0;
        if (sameOrder(entry.maker(), fill.maker()))
        {
            fill.maker().rememberDigest(domainSeparator, entry.makerDigest());
            reused++;
        }
        if (sameOrder(entry.taker(), fill.taker()))
        {
            fill.taker().rememberDigest(domainSeparator, entry.takerDigest());
            reused++;
        }
        return reused;
    }

    /** Whether two orders carry the same signed fields and signature, so the same digest (the fields are final). */
    static boolean sameOrder(final Order a, final Order b)
    {
        return a != null && b != null && a.account().equals(b.account()) && a.subaccount() == b.subaccount() &&
            a.market() == b.market() && a.isBuy() == b.isBuy() && a.size() == b.size() &&
            a.limitPrice() == b.limitPrice() && a.nonce() == b.nonce() && a.expiry() == b.expiry() &&
            a.reduceOnly() == b.reduceOnly() && Objects.equals(a.signature(), b.signature());
    }
}
