package io.novation.core.clearing;

import io.novation.core.account.Address;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The orders their owners cancelled, keyed by (owner, subaccount, order digest) and kept until the order's expiry
 * (epoch ms), and the nonce floor of each subaccount (orders with a lower nonce never fill). A cancel is recorded under
 * the subaccount that signed it, and an order is looked up under its own owner and subaccount, so a cancel signed
 * for another subaccount's order never reaches it. Iterates in key order, never in hash order.
 */
public final class OrderCancelBook
{
    /** Length of a cancel's key: owner (20), subaccount (4), order digest (32). */
    public static final int CANCEL_KEY_LENGTH = 56;
    /** Length of a nonce floor's key: owner (20), subaccount (4). */
    public static final int FLOOR_KEY_LENGTH = 24;

    private final TreeMap<ByteBuffer, Long> cancels = new TreeMap<>();
    private final TreeMap<ByteBuffer, Long> floors = new TreeMap<>();
    private final TreeSet<ByteBuffer> changed = new TreeSet<>();
    private final byte[] probe = new byte[CANCEL_KEY_LENGTH];

    /**
     * Receives one entry: its key ({@link #CANCEL_KEY_LENGTH} bytes for a cancel, {@link #FLOOR_KEY_LENGTH} for a
     * nonce floor) and its value (a cancel's expiry or a floor), 0 when the entry was removed.
     */
    @FunctionalInterface
    public interface EntryConsumer
    {
        /**
         * One entry.
         *
         * @param key   the key bytes; do not keep.
         * @param value expiry (epoch ms) or nonce floor, 0 when removed.
         */
        void accept(byte[] key, long value);
    }

    /**
     * Number of cancelled orders held.
     *
     * @return count.
     */
    public int cancelCount()
    {
        return cancels.size();
    }

    /**
     * Number of subaccounts with a nonce floor.
     *
     * @return count.
     */
    public int floorCount()
    {
        return floors.size();
    }

    /**
     * Whether the book holds nothing.
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return cancels.isEmpty() && floors.isEmpty();
    }

    /**
     * Whether an order of a subaccount was cancelled.
     *
     * @param owner      the order's owner.
     * @param subaccount the order's subaccount.
     * @param digest     the order's 32-byte EIP-712 digest.
     * @return true when cancelled.
     */
    public boolean isCancelled(final Address owner, final int subaccount, final byte[] digest)
    {
        if (cancels.isEmpty())
        {
            return false;
        }
        return cancels.containsKey(ByteBuffer.wrap(cancelKey(owner, subaccount, digest, probe)));
    }

    /**
     * The nonce floor of a subaccount: orders with a lower nonce never fill.
     *
     * @param owner      owner.
     * @param subaccount subaccount number.
     * @return the floor, 0 when none was set.
     */
    public long nonceFloor(final Address owner, final int subaccount)
    {
        if (floors.isEmpty())
        {
            return 0;
        }
        final Long floor = floors.get(ByteBuffer.wrap(floorKey(owner, subaccount)));
        return floor == null ? 0 : floor;
    }

    /**
     * Records a cancel, kept until the order's expiry (a later expiry for the same key replaces it).
     *
     * @param owner      the signer's account.
     * @param subaccount the signer's subaccount.
     * @param digest     the order's 32-byte digest.
     * @param expiry     the order's expiry, epoch ms.
     */
    public void cancel(final Address owner, final int subaccount, final byte[] digest, final long expiry)
    {
        final ByteBuffer key = ByteBuffer.wrap(cancelKey(owner, subaccount, digest, new byte[CANCEL_KEY_LENGTH]));
        final Long held = cancels.get(key);
        if (held == null || held < expiry)
        {
            cancels.put(key, expiry);
            changed.add(key);
        }
    }

    /**
     * Raises a subaccount's nonce floor.
     *
     * @param owner      owner.
     * @param subaccount subaccount number.
     * @param floor      the new floor, above the current one.
     */
    public void raiseFloor(final Address owner, final int subaccount, final long floor)
    {
        final ByteBuffer key = ByteBuffer.wrap(floorKey(owner, subaccount));
        floors.put(key, floor);
        changed.add(key);
    }

    /**
     * Forgets every cancel whose order expired at or before the time (it could not fill anyway).
     *
     * @param time epoch ms.
     * @return the number forgotten.
     */
    public int pruneExpired(final long time)
    {
        int pruned = 0;
        final Iterator<Map.Entry<ByteBuffer, Long>> entries = cancels.entrySet().iterator();
        while (entries.hasNext())
        {
            final Map.Entry<ByteBuffer, Long> entry = entries.next();
            if (entry.getValue() <= time)
            {
                changed.add(entry.getKey());
                entries.remove();
                pruned++;
            }
        }
        return pruned;
    }

    /**
     * Hands every entry changed since the last drain to the consumer, in key order, and forgets the changes.
     *
     * @param consumer receives each entry (value 0 when removed).
     */
    public void drainChanged(final EntryConsumer consumer)
    {
        for (final ByteBuffer key : changed)
        {
            final Long value = key.capacity() == CANCEL_KEY_LENGTH ? cancels.get(key) : floors.get(key);
            consumer.accept(key.array(), value == null ? 0 : value);
        }
        changed.clear();
    }

    /**
     * Hands every cancel to the consumer, in key order.
     *
     * @param consumer receives each cancel's key and expiry.
     */
    public void forEachCancel(final EntryConsumer consumer)
    {
        cancels.forEach((key, expiry) -> consumer.accept(key.array(), expiry));
    }

    /**
     * Hands every nonce floor to the consumer, in key order.
     *
     * @param consumer receives each floor's key and value.
     */
    public void forEachFloor(final EntryConsumer consumer)
    {
        floors.forEach((key, floor) -> consumer.accept(key.array(), floor));
    }

    /**
     * Restores a cancel from its key; for snapshots.
     *
     * @param key    {@link #CANCEL_KEY_LENGTH} bytes.
     * @param expiry epoch ms.
     */
    public void restoreCancel(final byte[] key, final long expiry)
    {
        if (key.length != CANCEL_KEY_LENGTH)
        {
            throw new IllegalArgumentException("a cancel key is " + CANCEL_KEY_LENGTH + " bytes");
        }
        final ByteBuffer wrapped = ByteBuffer.wrap(key.clone());
        cancels.put(wrapped, expiry);
        changed.add(wrapped);
    }

    /**
     * Restores a nonce floor from its key; for snapshots.
     *
     * @param key   {@link #FLOOR_KEY_LENGTH} bytes.
     * @param floor the floor.
     */
    public void restoreFloor(final byte[] key, final long floor)
    {
        if (key.length != FLOOR_KEY_LENGTH)
        {
            throw new IllegalArgumentException("a nonce floor key is " + FLOOR_KEY_LENGTH + " bytes");
        }
        final ByteBuffer wrapped = ByteBuffer.wrap(key.clone());
        floors.put(wrapped, floor);
        changed.add(wrapped);
    }

    private static byte[] cancelKey(final Address owner, final int subaccount, final byte[] digest,
        final byte[] out)
    {
        owner.putBytes(out, 0);
        putInt(out, 20, subaccount);
        System.arraycopy(digest, 0, out, 24, 32);
        return out;
    }

    private static byte[] floorKey(final Address owner, final int subaccount)
    {
        final byte[] out = new byte[FLOOR_KEY_LENGTH];
        owner.putBytes(out, 0);
        putInt(out, 20, subaccount);
        return out;
    }

    private static void putInt(final byte[] out, final int offset, final int value)
    {
        out[offset] = (byte)(value >>> 24);
        out[offset + 1] = (byte)(value >>> 16);
        out[offset + 2] = (byte)(value >>> 8);
        out[offset + 3] = (byte)value;
    }
}
