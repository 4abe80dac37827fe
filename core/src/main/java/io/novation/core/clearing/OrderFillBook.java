package io.novation.core.clearing;

import java.util.Arrays;

/**
 * How much of each signed order has been filled, in base quantums, keyed by the order's 32-byte EIP-712 digest.
 * An open-addressing table over primitive arrays: no boxing, no allocation per look-up, and a layout that depends
 * only on the digests inserted (never on identity hash codes). Fills are never forgotten, so a fully filled order
 * cannot be replayed.
 */
public final class OrderFillBook
{
    private static final int DIGEST_LENGTH = 32;

    private long[] keys;
    private byte[] digests;
    private long[] filled;
    private int size;
    private int[] changed = new int[16];
    private int changedCount;
    private boolean[] isChanged;

    /**
     * An empty book.
     */
    public OrderFillBook()
    {
        allocate(1024);
    }

    private void allocate(final int capacity)
    {
        keys = new long[capacity];
        digests = new byte[capacity * DIGEST_LENGTH];
        filled = new long[capacity];
        isChanged = new boolean[capacity];
    }

    /**
     * Number of orders with a fill.
     *
     * @return count.
     */
    public int size()
    {
        return size;
    }

    /**
     * The filled amount of an order.
     *
     * @param digest 32-byte order digest.
     * @return base quantums filled, 0 when never filled.
     */
    public long filled(final byte[] digest)
    {
        final int slot = find(digest);
        return slot < 0 ? 0L : filled[slot];
    }

    /**
     * Sets the filled amount of an order.
     *
     * @param digest 32-byte order digest.
     * @param amount base quantums filled in total.
     */
    public void setFilled(final byte[] digest, final long amount)
    {
        int slot = find(digest);
        if (slot < 0)
        {
            if ((size + 1) * 4L > keys.length * 3L)
            {
                grow();
            }
            slot = insertSlot(digest);
            size++;
        }
        filled[slot] = amount;
        if (!isChanged[slot])
        {
            isChanged[slot] = true;
            if (changedCount == changed.length)
            {
                changed = Arrays.copyOf(changed, changedCount * 2);
            }
            changed[changedCount++] = slot;
        }
    }

    /**
     * Receives one order's fill.
     */
    @FunctionalInterface
    public interface FillConsumer
    {
        /**
         * One entry.
         *
         * @param digests buffer holding the digest.
         * @param offset  offset of the 32-byte digest in the buffer.
         * @param filled  base quantums filled.
         */
        void accept(byte[] digests, int offset, long filled);
    }

    /**
     * Hands every entry changed since the last call to the consumer, and forgets the changes.
     *
     * @param consumer receives each changed entry.
     */
    public void drainChanged(final FillConsumer consumer)
    {
        for (int i = 0; i < changedCount; i++)
        {
            final int slot = changed[i];
            isChanged[slot] = false;
            consumer.accept(digests, slot * DIGEST_LENGTH, filled[slot]);
        }
        changedCount = 0;
    }

    /**
     * Hands every entry to the consumer in table order (deterministic for the same contents and history).
     *
     * @param consumer receives each entry.
     */
    public void forEach(final FillConsumer consumer)
    {
        for (int slot = 0; slot < keys.length; slot++)
        {
            if (keys[slot] != 0)
            {
                consumer.accept(digests, slot * DIGEST_LENGTH, filled[slot]);
            }
        }
    }

    private static long keyOf(final byte[] digest)
    {
        long key = 0;
        for (int i = 0; i < 8; i++)
        {
            key = (key << 8) | (digest[i] & 0xFF);
        }
        return key == 0 ? 1 : key;
    }

    private int find(final byte[] digest)
    {
        final long key = keyOf(digest);
        final int mask = keys.length - 1;
        int slot = (int)(key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0)
        {
            if (keys[slot] == key && sameDigest(slot, digest))
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int insertSlot(final byte[] digest)
    {
        final long key = keyOf(digest);
        final int mask = keys.length - 1;
        int slot = (int)(key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        System.arraycopy(digest, 0, digests, slot * DIGEST_LENGTH, DIGEST_LENGTH);
        return slot;
    }

    private boolean sameDigest(final int slot, final byte[] digest)
    {
        final int base = slot * DIGEST_LENGTH;
        for (int i = 0; i < DIGEST_LENGTH; i++)
        {
            if (digests[base + i] != digest[i])
            {
                return false;
            }
        }
        return true;
    }

    private void grow()
    {
        final long[] oldKeys = keys;
        final byte[] oldDigests = digests;
        final long[] oldFilled = filled;
        final boolean[] oldChanged = isChanged;
        allocate(oldKeys.length * 2);
        final byte[] scratch = new byte[DIGEST_LENGTH];
        final int[] remap = new int[oldKeys.length];
        for (int slot = 0; slot < oldKeys.length; slot++)
        {
            if (oldKeys[slot] != 0)
            {
                System.arraycopy(oldDigests, slot * DIGEST_LENGTH, scratch, 0, DIGEST_LENGTH);
                final int newSlot = insertSlot(scratch);
                filled[newSlot] = oldFilled[slot];
                isChanged[newSlot] = oldChanged[slot];
                remap[slot] = newSlot;
            }
        }
        for (int i = 0; i < changedCount; i++)
        {
            changed[i] = remap[changed[i]];
        }
    }
}
