package io.novation.core.clearing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * How much of each signed order has been filled, in base quantums, keyed by the order's 32-byte EIP-712 digest,
 * with the order's expiry (epoch ms). An open-addressing table over one interleaved {@code long[]} (per slot: the
 * digest's four words, the filled amount, never zero in a used slot, and the expiry: 48 bytes, so that a look-up
 * touches one or two cache lines; 64-byte rows aligned to cache lines were measured no faster):
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
    private static final VarHandle BIG_ENDIAN_WORDS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private long[] table;
    private int capacity;
    private int size;
    private int[] changed = new int[16];
    private int changedCount;
    /**
     * Slots changed since the last drain, in the order they changed, possibly more than once (a write only appends,
     * so it touches no memory beyond its own slot); duplicates go when the list is drained or fills up.
     * One bit per slot, all clear between those two operations, which use it to keep the first of each slot.
     */
    private long[] isChanged;
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
        table = new long[row(slots)];
        isChanged = new long[(slots + 63) >>> 6];
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
        final int slot = digest == recentDigest0 ? recentSlot0 : digest == recentDigest1 ? recentSlot1 : find(digest);
        recentDigest1 = recentDigest0;
        recentSlot1 = recentSlot0;
        recentDigest0 = digest;
        recentSlot0 = slot;
        return slot < 0 ? 0L : table[row(slot) + FILLED];
    }

    /**
     * Looks up two orders at once, so that the two probes of a fill (maker and taker, in unrelated parts of a large
     * table) wait on memory together rather than one after the other; the {@link #filled} and {@link #setFilled}
     * that follow for the same digest arrays then reuse the slots found.
     *
     * @param first  32-byte order digest.
     * @param second another 32-byte order digest.
     */
    public void lookUp(final byte[] first, final byte[] second)
    {
        final long[] table = this.table;
        final int mask = capacity - 1;
        final long firstWord = word(first, 0);
        final long secondWord = word(second, 0);
        final int firstHome = home(firstWord, mask);
        final int secondHome = home(secondWord, mask);
        // Both home slots are read before either is compared: two independent loads in flight.
        final long firstAtHome = table[row(firstHome)];
        final long secondAtHome = table[row(secondHome)];
        recentDigest1 = first;
        recentSlot1 = firstAtHome == firstWord && matches(firstHome, first) ? firstHome : find(first);
        recentDigest0 = second;
        recentSlot0 = secondAtHome == secondWord && matches(secondHome, second) ? secondHome : find(second);
    }

    /**
     * Reads the home row of an order's entry and changes nothing: a host that knows the next fills can request
     * their rows from memory while earlier ones settle (see {@code ClearingEngine.prefetch}).
     *
     * @param digest 32-byte order digest.
     * @return a word of the row, to be consumed so that the read is not elided; it means nothing.
     */
    public long prefetch(final byte[] digest)
    {
        // A slot of 48 bytes spans two cache lines half the time: read its first and last words, and the last word
        // of the slot after it, where a probe goes when the home slot holds another order.
        final int mask = capacity - 1;
        final int home = home(word(digest, 0), mask);
        return table[row(home)] + table[row(home) + EXPIRY] + table[row((home + 1) & mask) + EXPIRY];
    }

    private boolean matches(final int slot, final byte[] digest)
    {
        final int base = row(slot);
        return table[base + FILLED] != 0 && table[base + 1] == word(digest, 8) &&
            table[base + 2] == word(digest, 16) && table[base + 3] == word(digest, 24);
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
        table[row(slot) + FILLED] = amount;
        table[row(slot) + EXPIRY] = expiry;
        if (changedCount == changed.length)
        {
            removeDuplicateChanges();
            if (changedCount * 2 > changed.length)
            {
                changed = Arrays.copyOf(changed, changed.length * 2);
            }
        }
        changed[changedCount++] = slot;
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
        if (removed.length > 64)
        {
            removed = new long[64];
        }
        removeDuplicateChanges();
        for (int i = 0; i < changedCount; i++)
        {
            final int slot = changed[i];
            consumer.accept(digestOf(table, row(slot)), 0, table[row(slot) + FILLED],
                table[row(slot) + EXPIRY]);
        }
        changedCount = 0;
    }

    /** Keeps the first occurrence of each changed slot, in order. */
    private void removeDuplicateChanges()
    {
        int kept = 0;
        for (int i = 0; i < changedCount; i++)
        {
            final int slot = changed[i];
            final long bit = 1L << slot;
            if ((isChanged[slot >>> 6] & bit) == 0)
            {
                isChanged[slot >>> 6] |= bit;
                changed[kept++] = slot;
            }
        }
        for (int i = 0; i < kept; i++)
        {
            isChanged[changed[i] >>> 6] = 0;
        }
        changedCount = kept;
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
            final int base = row(slot);
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
        final int oldCapacity = capacity;
        int slots = MIN_CAPACITY;
        while ((size - expired) * 4L > slots * 3L)
        {
            slots *= 2;
        }
        allocate(slots);
        if ((removedCount + expired) * 5L > removed.length)
        {
            // Sized once for all the expired entries: doubling would hold two large copies at the same time.
            removed = Arrays.copyOf(removed, (removedCount + expired) * 5);
        }
        final int[] remap = new int[oldCapacity];
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int base = row(slot);
            if (old[base + FILLED] == 0)
            {
                continue;
            }
            if (old[base + EXPIRY] <= time)
            {
                System.arraycopy(old, base, removed, removedCount * 5, 4);
                removed[removedCount * 5 + 4] = old[base + EXPIRY];
                removedCount++;
                remap[slot] = -1;
                continue;
            }
            final int newSlot = insertSlot(old[base], old[base + 1], old[base + 2], old[base + 3]);
            table[row(newSlot) + FILLED] = old[base + FILLED];
            table[row(newSlot) + EXPIRY] = old[base + EXPIRY];
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
            if (table[row(slot) + FILLED] != 0)
            {
                consumer.accept(digestOf(table, row(slot)), 0, table[row(slot) + FILLED],
                    table[row(slot) + EXPIRY]);
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
        return (long)BIG_ENDIAN_WORDS.get(digest, offset);
    }

    private static int row(final int slot)
    {
        return slot * STRIDE;
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
        while (table[(base = row(slot)) + FILLED] != 0)
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
        while (table[row(slot) + FILLED] != 0)
        {
            slot = (slot + 1) & mask;
        }
        final int base = row(slot);
        table[base] = w0;
        table[base + 1] = w1;
        table[base + 2] = w2;
        table[base + 3] = w3;
        return slot;
    }

    private void grow()
    {
        final long[] old = table;
        final int oldCapacity = capacity;
        allocate(oldCapacity * 2);
        final int[] remap = new int[oldCapacity];
        for (int slot = 0; slot < oldCapacity; slot++)
        {
            final int base = row(slot);
            if (old[base + FILLED] != 0)
            {
                final int newSlot = insertSlot(old[base], old[base + 1], old[base + 2], old[base + 3]);
                table[row(newSlot) + FILLED] = old[base + FILLED];
                table[row(newSlot) + EXPIRY] = old[base + EXPIRY];
                    remap[slot] = newSlot;
            }
        }
        for (int i = 0; i < changedCount; i++)
        {
            changed[i] = remap[changed[i]];
        }
    }
}
