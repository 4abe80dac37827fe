package io.novation.core.oracle;

/**
 * The 30-minute time-weighted average of one oracle's index price, in price units, over the 30 minutes that end at
 * the last whole minute of sequencer time (the window option settlement and funding use). It keeps a running sum of
 * price × milliseconds (wrapping modulo 2^64, as Uniswap v2's cumulative price does: differences over a window are
 * exact while the window's sum fits 63 bits) and the sum at each of the last 32 minute boundaries in a ring, so an
 * update costs O(1) amortized (at most one boundary written per elapsed minute, 32 at most) and a query O(1).
 */
public final class TimeWeightedAverage
{
    /** Length of the averaging window, milliseconds. */
    public static final long WINDOW_MS = 30L * 60_000L;
    /** Largest price the window's sum can carry exactly: a 31-minute sum of price × ms must fit 63 bits. */
    public static final long MAX_PRICE = Long.MAX_VALUE / (31L * 60_000L);
    static final int SLOTS = 32;
    private static final long MINUTE_MS = 60_000L;

    private long firstTime;
    private long lastTime;
    private long lastPrice;
    private long cumulative;
    private final long[] slotTime = new long[SLOTS];
    private final long[] slotCumulative = new long[SLOTS];

    /**
     * Records a newly accepted price; from {@code time} on it weighs until the next one.
     *
     * @param time  sequencer time, epoch ms, not before the last recorded time.
     * @param price positive price units, at most {@link #MAX_PRICE}.
     */
    public void record(final long time, final long price)
    {
        if (lastPrice == 0)
        {
            firstTime = time;
        }
        else
        {
            final long firstBoundary = Math.floorDiv(lastTime, MINUTE_MS) * MINUTE_MS + MINUTE_MS;
            final long lastBoundary = Math.floorDiv(time, MINUTE_MS) * MINUTE_MS;
            for (long boundary = Math.max(firstBoundary, lastBoundary - (SLOTS - 1) * MINUTE_MS);
                boundary <= lastBoundary; boundary += MINUTE_MS)
            {
                final int slot = slot(boundary);
                slotTime[slot] = boundary;
                slotCumulative[slot] = cumulativeAfterLast(boundary);
            }
            cumulative = cumulativeAfterLast(time);
        }
        lastTime = time;
        lastPrice = price;
    }

    /**
     * The average over the 30 minutes ending at the last whole minute at or before {@code now}; over less when the
     * oracle's first price is younger than that.
     *
     * @param now sequencer time, epoch ms, not before the last recorded time.
     * @return price units rounded down, or {@link OracleBook#NO_PRICE} when no whole minute has elapsed with a price.
     */
    public long average(final long now)
    {
        if (lastPrice == 0)
        {
            return OracleBook.NO_PRICE;
        }
        final long end = Math.floorDiv(now, MINUTE_MS) * MINUTE_MS;
        final long start = Math.max(end - WINDOW_MS, firstTime);
        if (end <= start)
        {
            return OracleBook.NO_PRICE;
        }
        final long startSum = start == firstTime ? 0 : sumAt(start);
        return Math.floorDiv(sumAt(end) - startSum, end - start);
    }

    /**
     * As {@link #average(long)}, or {@link OracleBook#NO_PRICE} instead of failing when the window's start or end
     * is older than the checkpoints kept (more than 31 minutes before the last update).
     *
     * @param now sequencer time, epoch ms.
     * @return price units rounded down, or {@link OracleBook#NO_PRICE}.
     */
    public long averageIfKept(final long now)
    {
        if (lastPrice == 0)
        {
            return OracleBook.NO_PRICE;
        }
        final long end = Math.floorDiv(now, MINUTE_MS) * MINUTE_MS;
        final long start = Math.max(end - WINDOW_MS, firstTime);
        if (end <= start || !kept(end) || start != firstTime && !kept(start))
        {
            return OracleBook.NO_PRICE;
        }
        return average(now);
    }

    private boolean kept(final long boundary)
    {
        return boundary >= lastTime || slotTime[slot(boundary)] == boundary;
    }

    private long sumAt(final long boundary)
    {
        if (boundary >= lastTime)
        {
            return cumulativeAfterLast(boundary);
        }
        final int slot = slot(boundary);
        if (slotTime[slot] != boundary)
        {
            throw new IllegalStateException("no checkpoint at " + boundary);
        }
        return slotCumulative[slot];
    }

    /** The running sum at a time at or after the last update; wraps by design. */
    private long cumulativeAfterLast(final long time)
    {
        return cumulative + lastPrice * (time - lastTime);
    }

    private static int slot(final long boundary)
    {
        return (int)Math.floorMod(Math.floorDiv(boundary, MINUTE_MS), (long)SLOTS);
    }

    /**
     * Restores the running sums of a snapshot; for snapshots only.
     *
     * @param first           time of the first price, epoch ms.
     * @param last            time of the last price, epoch ms.
     * @param price           the last price, price units (0 before the first).
     * @param sum             running sum, price units × ms modulo 2^64.
     * @param checkpointTimes per slot, the minute boundary.
     * @param checkpointSums  per slot, the running sum at that boundary.
     */
    public void restore(final long first, final long last, final long price, final long sum,
        final long[] checkpointTimes, final long[] checkpointSums)
    {
        firstTime = first;
        lastTime = last;
        lastPrice = price;
        cumulative = sum;
        System.arraycopy(checkpointTimes, 0, slotTime, 0, SLOTS);
        System.arraycopy(checkpointSums, 0, slotCumulative, 0, SLOTS);
    }

    /**
     * The last recorded price.
     *
     * @return price units, 0 before the first.
     */
    public long lastPrice()
    {
        return lastPrice;
    }

    public long firstTime()
    {
        return firstTime;
    }

    public long lastTime()
    {
        return lastTime;
    }

    public long cumulative()
    {
        return cumulative;
    }

    /**
     * The minute boundary a ring slot holds (0 when never written).
     *
     * @param slot 0 to 31.
     * @return epoch ms.
     */
    public long checkpointTime(final int slot)
    {
        return slotTime[slot];
    }

    /**
     * The running sum a ring slot holds.
     *
     * @param slot 0 to 31.
     * @return price units × ms, modulo 2^64.
     */
    public long checkpointSum(final int slot)
    {
        return slotCumulative[slot];
    }

    /**
     * Number of ring slots.
     *
     * @return 32.
     */
    public static int checkpointCount()
    {
        return SLOTS;
    }
}
