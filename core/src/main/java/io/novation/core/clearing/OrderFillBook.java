package io.novation.core.clearing;

import java.util.Arrays;

/**
 * How much of each signed order has been filled, in base quantums, keyed by the order's 32-byte EIP-712 digest.
 * An open-addressing table over one interleaved {@code long[]} (per slot: a probe key, the digest's four words and
 * the filled amount, so that a look-up touches one or two cache lines): no boxing, no allocation per look-up, and a
 * layout that depends only on the digests inserted (never on identity hash codes). Fills are never forgotten, so a
 * fully filled order cannot be replayed.
 */
public final class OrderFillBook
{
    private static final int DIGEST_LENGTH = 32;
    private static final int STRIDE = 6;
    private static final int FILLED = 5;

    private long[] table;
    private int capacity;
    private int size;
    private int[] changed = new int[16];
    private int changedCount;
    private boolean[] isChanged;
    private final byte[] scratch = new byte[DIGEST_LENGTH];

    /**
     * An empty book.
     */
    public OrderFillBook()
    {
        allocate(1024);
    }

    private void allocate(final int slots)
    {
        capacity = slots;
        table = new long[slots * STRIDE];
        isChanged = new boolean[slots];
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
        return slot < 0 ? 0L : table[slot * STRIDE + FILLED];
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
            if ((size + 1) * 4L > capacity * 3L)
            {
                grow();
            }
            slot = insertSlot(keyOf(digest), word(digest, 0), word(digest, 8), word(digest, 16), word(digest, 24));
            size++;
        }
        table[slot * STRIDE + FILLED] = amount;
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
     * @param consumer receives each changed entry (the digest buffer is reused between calls).
     */
    public void drainChanged(final FillConsumer consumer)
    {
        for (int i = 0; i < changedCount; i++)
        {
            final int slot = changed[i];
            isChanged[slot] = false;
            consumer.accept(digestOf(slot), 0, table[slot * STRIDE + FILLED]);
        }
        changedCount = 0;
    }

    /**
     * Hands every entry to the consumer in table order (deterministic for the same contents and history).
     *
     * @param consumer receives each entry (the digest buffer is reused between calls).
     */
    public void forEach(final FillConsumer consumer)
    {
        for (int slot = 0; slot < capacity; slot++)
        {
            if (table[slot * STRIDE] != 0)
            {
                consumer.accept(digestOf(slot), 0, table[slot * STRIDE + FILLED]);
            }
        }
    }

    private byte[] digestOf(final int slot)
    {
        final int base = slot * STRIDE;
        for (int w = 0; w < 4; w++)
        {
            final long value = table[base + 1 + w];
            for (int i = 0; i < 8; i++)
            {
                scratch[w * 8 + i] = (byte)(value >>> (56 - 8 * i));
            }
        }
        return scratch;
    }

    private static long word(final byte[] digest, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (digest[offset + i] & 0xFF);
        }
        return value;
    }

    private static long keyOf(final byte[] digest)
    {
        final long key = word(digest, 0);
        return key == 0 ? 1 : key;
    }

    private int find(final byte[] digest)
    {
        final long key = keyOf(digest);
        final int mask = capacity - 1;
        int slot = (int)(key ^ (key >>> 32)) & mask;
        long probe;
        while ((probe = table[slot * STRIDE]) != 0)
        {
            if (probe == key && sameDigest(slot, digest))
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private boolean sameDigest(final int slot, final byte[] digest)
    {
        final int base = slot * STRIDE + 1;
        return table[base] == word(digest, 0) && table[base + 1] == word(digest, 8) &&
            table[base + 2] == word(digest, 16) && table[base + 3] == word(digest, 24);
    }

    private int insertSlot(final long key, final long w0, final long w1, final long w2, final long w3)
    {
        final int mask = capacity - 1;
        int slot = (int)(key ^ (key >>> 32)) & mask;
        while (table[slot * STRIDE] != 0)
        {
            slot = (slot + 1) & mask;
        }
        final int base = slot * STRIDE;
        table[base] = key;
        table[base + 1] = w0;
        table[base + 2] = w1;
        table[base + 3] = w2;
        table[base + 4] = w3;
        return slot;
    }

    private void grow()
    {
        final long[] old = table;
        final boolean[] oldChanged = isChanged;
        final int oldCapacity = capacity;
        allocate(oldCapacity * 2);
        final int[] remap = new int[oldCapacity];
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int base = slot * STRIDE;
            if (old[base] != 0)
            {
                final int newSlot = insertSlot(old[base], old[base + 1], old[base + 2], old[base + 3], old[base + 4]);
                table[newSlot * STRIDE + FILLED] = old[base + FILLED];
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
