package io.novation.core.liquidation;

import java.util.Arrays;

/**
 * One side of a {@link TriggerBook}: recheck triggers on one value (an oracle price in price units, or a market's
 * cumulative funding index in billionths of a quote quantum per base quantum), kept in buckets of logarithmically
 * growing width (128 per power of two, about 0.55 % of the value), so that a move of the value visits only the buckets
 * it crosses. Each entry is three longs: its threshold, its certain-flip threshold (or {@link #NONE}) and the packed
 * subaccount id, version and health state it was made for. Entries are never deleted one by one: an entry whose
 * subaccount has a newer version is dropped when it is met, and {@link #compact} sweeps the rest.
 */
final class TriggerLadder
{
    /** No threshold: the side has no trigger, or an entry has no certain-flip threshold. */
    static final long NONE = Long.MIN_VALUE;

    static final int STRIDE = 3;
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;
    private static final int HALF = (64 - SUB_BITS) << SUB_BITS;
    private static final int KEYS = 2 * HALF;
    private static final int INITIAL_ENTRIES = 4;

    private final long[][] buckets = new long[KEYS][];
    private final int[] sizes = new int[KEYS];
    private int entries;

    /**
     * The bucket of a value: order-preserving over all longs ({@code v1 < v2} implies {@code key(v1) <= key(v2)}),
     * exact below 128 in magnitude, then 128 buckets per power of two.
     *
     * @param value any long.
     * @return bucket index in [0, KEYS).
     */
    static int key(final long value)
    {
        return value >= 0 ? HALF + magnitudeKey(value) : HALF - 1 - magnitudeKey(~value);
    }

    private static int magnitudeKey(final long magnitude)
    {
        if (magnitude < SUB)
        {
            return (int)magnitude;
        }
        final int exponent = 63 - Long.numberOfLeadingZeros(magnitude);
        final int mantissa = (int)(magnitude >>> (exponent - SUB_BITS)) & (SUB - 1);
        return ((exponent - SUB_BITS + 1) << SUB_BITS) | mantissa;
    }

    /**
     * Number of entries stored, live or stale.
     *
     * @return count.
     */
    int entries()
    {
        return entries;
    }

    /**
     * Stores an entry.
     *
     * @param threshold the value beyond which the entry triggers.
     * @param certain   the certain-flip threshold, or {@link #NONE}.
     * @param packed    subaccount id (high 32 bits), version and state (low 32 bits).
     */
    void add(final long threshold, final long certain, final long packed)
    {
        final int key = key(threshold);
        final int size = sizes[key];
        long[] bucket = buckets[key];
        if (bucket == null)
        {
            bucket = new long[INITIAL_ENTRIES * STRIDE];
            buckets[key] = bucket;
        }
        else if ((size + 1) * STRIDE > bucket.length)
        {
            bucket = Arrays.copyOf(bucket, bucket.length * 2);
            buckets[key] = bucket;
        }
        final int at = size * STRIDE;
        bucket[at] = threshold;
        bucket[at + 1] = certain;
        bucket[at + 2] = packed;
        sizes[key] = size + 1;
        entries++;
    }

    /**
     * The value fell from {@code from} to {@code to}: hands every entry whose threshold is above {@code to} to the
     * sink and removes it. Every entry of a lower ladder has its threshold at or below the value it was synced to,
     * so only the buckets from {@code key(from)} down to {@code key(to)} can hold triggered entries; those strictly
     * above {@code key(to)} are emptied whole, the one of {@code key(to)} is filtered.
     *
     * @param from the value the ladder was synced to.
     * @param to   the new value, below {@code from}.
     * @param sink receives each triggered entry.
     * @param book passed to the sink.
     * @param lower passed to the sink.
     */
    void drainAbove(final long from, final long to, final TriggerSink sink, final TriggerBook book,
        final boolean lower)
    {
        final int bottom = key(to);
        for (int key = key(from); key > bottom; key--)
        {
            drainWhole(key, to, sink, book, lower);
        }
        drainPartial(bottom, to, true, sink, book, lower);
    }

    /**
     * The value rose from {@code from} to {@code to}: hands every entry whose threshold is below {@code to} to the
     * sink and removes it (the mirror of {@link #drainAbove}).
     *
     * @param from the value the ladder was synced to.
     * @param to   the new value, above {@code from}.
     * @param sink receives each triggered entry.
     * @param book passed to the sink.
     * @param lower passed to the sink.
     */
    void drainBelow(final long from, final long to, final TriggerSink sink, final TriggerBook book,
        final boolean lower)
    {
        final int top = key(to);
        for (int key = key(from); key < top; key++)
        {
            drainWhole(key, to, sink, book, lower);
        }
        drainPartial(top, to, false, sink, book, lower);
    }

    /**
     * Filters the bucket that holds {@code to}: hands the entries beyond it (above it when {@code above}, else below)
     * to the sink, drops the dead ones and keeps the rest in order.
     */
    private void drainPartial(final int key, final long to, final boolean above, final TriggerSink sink,
        final TriggerBook book, final boolean lower)
    {
        final long[] bucket = buckets[key];
        final int size = sizes[key];
        int kept = 0;
        for (int i = 0; i < size; i++)
        {
            final int at = i * STRIDE;
            final long threshold = bucket[at];
            final long certain = bucket[at + 1];
            final long packed = bucket[at + 2];
            if (above ? threshold > to : threshold < to)
            {
                entries--;
                sink.triggered(book, lower, to, threshold, certain, packed);
            }
            else if (sink.isLive(packed))
            {
                final int into = kept * STRIDE;
                bucket[into] = threshold;
                bucket[into + 1] = certain;
                bucket[into + 2] = packed;
                kept++;
            }
            else
            {
                entries--;
                sink.dropped();
            }
        }
        sizes[key] = kept;
    }

    private void drainWhole(final int key, final long to, final TriggerSink sink, final TriggerBook book,
        final boolean lower)
    {
        final int size = sizes[key];
        if (size == 0)
        {
            return;
        }
        final long[] bucket = buckets[key];
        sizes[key] = 0;
        entries -= size;
        for (int i = 0; i < size; i++)
        {
            final int at = i * STRIDE;
            sink.triggered(book, lower, to, bucket[at], bucket[at + 1], bucket[at + 2]);
        }
    }

    /**
     * Removes every entry, keeping the buckets' storage.
     */
    void clear()
    {
        Arrays.fill(sizes, 0);
        entries = 0;
    }

    /**
     * Removes every stale entry.
     *
     * @param sink tells live entries from stale ones.
     * @return number of entries removed.
     */
    int compact(final TriggerSink sink)
    {
        int removed = 0;
        for (int key = 0; key < KEYS; key++)
        {
            final int size = sizes[key];
            if (size == 0)
            {
                continue;
            }
            final long[] bucket = buckets[key];
            int kept = 0;
            for (int i = 0; i < size; i++)
            {
                final int at = i * STRIDE;
                if (sink.isLive(bucket[at + 2]))
                {
                    final int into = kept * STRIDE;
                    bucket[into] = bucket[at];
                    bucket[into + 1] = bucket[at + 1];
                    bucket[into + 2] = bucket[at + 2];
                    kept++;
                }
            }
            sizes[key] = kept;
            removed += size - kept;
        }
        entries -= removed;
        return removed;
    }
}
