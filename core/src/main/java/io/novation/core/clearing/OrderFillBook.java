package io.novation.core.clearing;

import java.util.Arrays;

/**
 * How much of each signed order has been filled, in base quantums, keyed by the order's 32-byte EIP-712 digest,
 * with the order's expiry (epoch ms). An open-addressing table over one interleaved {@code long[]} (per slot: the
 * digest's four words, the filled amount, never zero in a used slot, and the expiry: 48 bytes, so that a look-up
 * touches one or two cache lines):
 * no boxing, no allocation per look-up, and a layout that depends only on the digests inserted (never on identity
 * hash codes). A fill is remembered until its order has expired: an expired order can never fill again, so
 * {@link #pruneExpired} may then forget it (dYdX prunes expired orders the same way) and a fully filled order still
 * cannot be replayed.
 */
public final class OrderFillBook
{
    private static final int DIGEST_LENGTH = 32;
    private static final int STRIDE = 6;
    private static final int FILLED = 4;
    private static final int EXPIRY = 5;
    private static final int MIN_CAPACITY = 1024;

    private long[] table;
    private int capacity;
    private int size;
    private int[] changed = new int[16];
    private int changedCount;
    private boolean[] isChanged;
    private long[] removed = new long[64];
    private int removedCount;
    private final byte[] scratch = new byte[DIGEST_LENGTH];
    // The last two look-ups (a fill reads the maker's and the taker's entries, then writes both): a write of the same
    // digest array reuses the slot instead of probing again. Cleared whenever slots move.
    private byte[] recentDigest0;
    private int recentSlot0;
    private byte[] recentDigest1;
    private int recentSlot1;

    /**
     * An empty book.
     */
    public OrderFillBook()
    {
        allocate(MIN_CAPACITY);
    }

    private void forgetRecent()
    {
        recentDigest0 = null;
        recentDigest1 = null;
    }

    private void allocate(final int slots)
    {
        forgetRecent();
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
        recentDigest1 = recentDigest0;
        recentSlot1 = recentSlot0;
        recentDigest0 = digest;
        recentSlot0 = slot;
        return slot < 0 ? 0L : table[slot * STRIDE + FILLED];
    }

    /**
     * Sets the filled amount of an order.
     *
     * @param digest 32-byte order digest.
     * @param amount base quantums filled in total, positive.
     * @param expiry the order's expiry, epoch ms.
     */
    public void setFilled(final byte[] digest, final long amount, final long expiry)
    {
        if (amount <= 0)
        {
            throw new IllegalArgumentException("a filled amount is positive");
        }
        int slot = digest == recentDigest0 ? recentSlot0 : digest == recentDigest1 ? recentSlot1 : find(digest);
        if (slot < 0)
        {
            forgetRecent();
            if ((size + 1) * 4L > capacity * 3L)
            {
                grow();
            }
            slot = insertSlot(word(digest, 0), word(digest, 8), word(digest, 16), word(digest, 24));
            size++;
        }
        table[slot * STRIDE + FILLED] = amount;
        table[slot * STRIDE + EXPIRY] = expiry;
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
         * @param filled  base quantums filled; 0 when the entry was pruned.
         * @param expiry  the order's expiry, epoch ms.
         */
        void accept(byte[] digests, int offset, long filled, long expiry);
    }

    /**
     * Hands every entry changed since the last call to the consumer, and forgets the changes.
     *
     * @param consumer receives each changed entry (the digest buffer is reused between calls).
     */
    public void drainChanged(final FillConsumer consumer)
    {
        for (int i = 0; i < removedCount; i++)
        {
            consumer.accept(digestOf(removed, i * 5), 0, 0, removed[i * 5 + 4]);
        }
        removedCount = 0;
        for (int i = 0; i < changedCount; i++)
        {
            final int slot = changed[i];
            isChanged[slot] = false;
            consumer.accept(digestOf(table, slot * STRIDE), 0, table[slot * STRIDE + FILLED],
                table[slot * STRIDE + EXPIRY]);
        }
        changedCount = 0;
    }

    /**
     * Forgets every order whose expiry is at or before the time, and shrinks the table to fit what is left. The
     * forgotten entries are handed to the next {@link #drainChanged} with a filled amount of 0.
     *
     * @param time sequencer time, epoch ms.
     * @return the number of orders forgotten.
     */
    public int pruneExpired(final long time)
    {
        int expired = 0;
        for (int slot = 0; slot < capacity; slot++)
        {
            final int base = slot * STRIDE;
            if (table[base + FILLED] != 0 && table[base + EXPIRY] <= time)
            {
                expired++;
            }
        }
        if (expired == 0)
        {
            return 0;
        }
        final long[] old = table;
        final boolean[] oldChanged = isChanged;
        final int oldCapacity = capacity;
        int slots = MIN_CAPACITY;
        while ((size - expired) * 4L > slots * 3L)
        {
            slots *= 2;
        }
        allocate(slots);
        final int[] remap = new int[oldCapacity];
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int base = slot * STRIDE;
            if (old[base + FILLED] == 0)
            {
                continue;
            }
            if (old[base + EXPIRY] <= time)
            {
                if ((removedCount + 1) * 5 > removed.length)
                {
                    removed = Arrays.copyOf(removed, removed.length * 2);
                }
                System.arraycopy(old, base, removed, removedCount * 5, 4);
                removed[removedCount * 5 + 4] = old[base + EXPIRY];
                removedCount++;
                remap[slot] = -1;
                continue;
            }
            final int newSlot = insertSlot(old[base], old[base + 1], old[base + 2], old[base + 3]);
            table[newSlot * STRIDE + FILLED] = old[base + FILLED];
            table[newSlot * STRIDE + EXPIRY] = old[base + EXPIRY];
            isChanged[newSlot] = oldChanged[slot];
            remap[slot] = newSlot;
        }
        int kept = 0;
        for (int i = 0; i < changedCount; i++)
        {
            final int newSlot = remap[changed[i]];
            if (newSlot >= 0)
            {
                changed[kept++] = newSlot;
            }
        }
        changedCount = kept;
        size -= expired;
        return expired;
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
            if (table[slot * STRIDE + FILLED] != 0)
            {
                consumer.accept(digestOf(table, slot * STRIDE), 0, table[slot * STRIDE + FILLED],
                    table[slot * STRIDE + EXPIRY]);
            }
        }
    }

    private byte[] digestOf(final long[] words, final int base)
    {
        for (int w = 0; w < 4; w++)
        {
            final long value = words[base + w];
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

    private static int home(final long w0, final int mask)
    {
        return (int)(w0 ^ (w0 >>> 32)) & mask;
    }

    private int find(final byte[] digest)
    {
        final long w0 = word(digest, 0);
        final int mask = capacity - 1;
        int slot = home(w0, mask);
        int base;
        while (table[(base = slot * STRIDE) + FILLED] != 0)
        {
            if (table[base] == w0 && table[base + 1] == word(digest, 8) && table[base + 2] == word(digest, 16) &&
                table[base + 3] == word(digest, 24))
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int insertSlot(final long w0, final long w1, final long w2, final long w3)
    {
        final int mask = capacity - 1;
        int slot = home(w0, mask);
        while (table[slot * STRIDE + FILLED] != 0)
        {
            slot = (slot + 1) & mask;
        }
        final int base = slot * STRIDE;
        table[base] = w0;
        table[base + 1] = w1;
        table[base + 2] = w2;
        table[base + 3] = w3;
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
            if (old[base + FILLED] != 0)
            {
                final int newSlot = insertSlot(old[base], old[base + 1], old[base + 2], old[base + 3]);
                table[newSlot * STRIDE + FILLED] = old[base + FILLED];
                table[newSlot * STRIDE + EXPIRY] = old[base + EXPIRY];
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
