package io.novation.core.liquidation;

import io.novation.core.account.Accounts;
import io.novation.core.account.Subaccount;

import java.util.Arrays;

/**
 * The {@link HealthIndex}'s bookkeeping per subaccount id: whether it is below maintenance, the version that tells
 * live trigger entries from stale ones, the queue of subaccounts to check in full at the next refresh, the flips of
 * the current newly-liquidatable period, and the deterministic (account creation order) views read from outside.
 */
final class HealthTable
{
    private static final int META = 2;
    private static final int STATE = 0;
    private static final int FLAGS = 1;
    private static final int SCHEDULED = 1;
    private static final int WAS_LIQUIDATABLE = 2;
    private static final int DISARMED = 4;
    private static final int KEPT_FLAGS = SCHEDULED | DISARMED;
    private static final int PERIOD_SHIFT = 3;
    private static final int PERIOD_MASK = 0x1FFF_FFFF;
    private static final int VERSION_MASK = 0x7FFF_FFFF;

    private final Accounts accounts;
    /**
     * Per subaccount id, two ints (eight bytes: one random access reads both): version and state (bit 0: below
     * maintenance); flags (scheduled, its state when the current newly-liquidatable period began, certain flips
     * disarmed, and the period's number).
     */
    private int[] meta = new int[64 * META];
    private int capacity = 64;
    private int[] scheduled = new int[64];
    private int scheduledCount;
    private int[] flipped = new int[64];
    private int flippedCount;
    private int period = 1;
    private int liquidatableCount;
    private long[] liquidatableView = new long[64];
    private int liquidatableViewCount;
    private boolean liquidatableViewValid;
    private long[] newlyView = new long[64];
    private int newlyViewCount;
    private boolean newlyViewValid;

    HealthTable(final Accounts accounts)
    {
        this.accounts = accounts;
    }

    void ensureCapacity(final int count)
    {
        if (count > capacity)
        {
            int grown = capacity;
            while (grown < count)
            {
                grown *= 2;
            }
            meta = Arrays.copyOf(meta, grown * META);
            capacity = grown;
        }
    }

    /**
     * Queues a subaccount for a full check at the next refresh (once) and makes its trigger entries stale.
     */
    void schedule(final int id)
    {
        final int base = id * META;
        if ((meta[base + FLAGS] & SCHEDULED) != 0)
        {
            return;
        }
        meta[base + FLAGS] |= SCHEDULED;
        if (scheduledCount == scheduled.length)
        {
            scheduled = Arrays.copyOf(scheduled, scheduledCount * 2);
        }
        scheduled[scheduledCount++] = id;
        bumpVersion(id);
    }

    int scheduledCount()
    {
        return scheduledCount;
    }

    /**
     * The subaccount at a position of the queue, no longer marked as queued.
     */
    int takeScheduled(final int index)
    {
        final int id = scheduled[index];
        meta[id * META + FLAGS] &= ~SCHEDULED;
        return id;
    }

    void clearScheduled()
    {
        scheduledCount = 0;
    }

    void bumpVersion(final int id)
    {
        final int base = id * META;
        final int state = meta[base + STATE];
        final int version = ((state >>> 1) + 1) & VERSION_MASK;
        meta[base + STATE] = (version << 1) | (state & 1);
        meta[base + FLAGS] &= ~DISARMED;
    }

    void setState(final int id, final boolean liquidatable)
    {
        final int base = id * META;
        if (((meta[base + STATE] & 1) != 0) != liquidatable)
        {
            flip(id);
        }
    }

    void flip(final int id)
    {
        final int base = id * META;
        final int flags = meta[base + FLAGS];
        final boolean wasLiquidatable = (meta[base + STATE] & 1) != 0;
        if ((flags >>> PERIOD_SHIFT) != period)
        {
            // First flip in this period: remember the state it started the period in.
            meta[base + FLAGS] = (flags & KEPT_FLAGS) | (wasLiquidatable ? WAS_LIQUIDATABLE : 0) |
                (period << PERIOD_SHIFT);
            if (flippedCount == flipped.length)
            {
                flipped = Arrays.copyOf(flipped, flippedCount * 2);
            }
            flipped[flippedCount++] = id;
        }
        meta[base + STATE] ^= 1;
        liquidatableCount += wasLiquidatable ? -1 : 1;
        liquidatableViewValid = false;
        newlyViewValid = false;
    }

    /**
     * The version and state word of a subaccount: bit 0 below maintenance, the rest its version.
     */
    int stateWord(final int id)
    {
        return meta[id * META + STATE];
    }

    /**
     * A trigger entry's payload: the subaccount id with the version and state it was filed under.
     */
    long packed(final int id)
    {
        return ((long)id << 32) | (meta[id * META + STATE] & 0xFFFF_FFFFL);
    }

    boolean isLive(final long packed)
    {
        final int id = (int)(packed >>> 32);
        return (meta[id * META + STATE] >>> 1) == ((int)packed >>> 1);
    }

    void disarm(final int id)
    {
        meta[id * META + FLAGS] |= DISARMED;
    }

    boolean isDisarmed(final int id)
    {
        return (meta[id * META + FLAGS] & DISARMED) != 0;
    }

    int liquidatableCount()
    {
        return liquidatableCount;
    }

    boolean isLiquidatable(final int id)
    {
        return id < capacity && (meta[id * META + STATE] & 1) != 0;
    }

    Subaccount liquidatable(final int index)
    {
        buildLiquidatableView();
        return subaccountOf(liquidatableView[index]);
    }

    int newlyLiquidatableCount()
    {
        buildNewlyView();
        return newlyViewCount;
    }

    Subaccount newlyLiquidatable(final int index)
    {
        buildNewlyView();
        return subaccountOf(newlyView[index]);
    }

    /**
     * Starts a new newly-liquidatable period.
     */
    void newPeriod()
    {
        period = (period + 1) & PERIOD_MASK;
        if (period == 0)
        {
            // The period number wrapped: forget every recorded period so that none is mistaken for the new one.
            for (int id = 0; id < capacity; id++)
            {
                meta[id * META + FLAGS] &= KEPT_FLAGS;
            }
            period = 1;
        }
        flippedCount = 0;
        newlyViewValid = false;
    }
    private void buildLiquidatableView()
    {
        if (liquidatableViewValid)
        {
            return;
        }
        if (liquidatableView.length < liquidatableCount)
        {
            liquidatableView = new long[Math.max(liquidatableCount, liquidatableView.length * 2)];
        }
        int count = 0;
        final int subaccounts = Math.min(capacity, accounts.subaccountCount());
        for (int id = 0; id < subaccounts; id++)
        {
            if ((meta[id * META + STATE] & 1) != 0)
            {
                liquidatableView[count++] = orderKey(id);
            }
        }
        Arrays.sort(liquidatableView, 0, count);
        liquidatableViewCount = count;
        liquidatableViewValid = true;
    }

    private void buildNewlyView()
    {
        if (newlyViewValid)
        {
            return;
        }
        if (newlyView.length < flippedCount)
        {
            newlyView = new long[Math.max(flippedCount, newlyView.length * 2)];
        }
        int count = 0;
        for (int i = 0; i < flippedCount; i++)
        {
            final int id = flipped[i];
            final int base = id * META;
            if ((meta[base + STATE] & 1) != 0 && (meta[base + FLAGS] & WAS_LIQUIDATABLE) == 0)
            {
                newlyView[count++] = orderKey(id);
            }
        }
        Arrays.sort(newlyView, 0, count);
        newlyViewCount = count;
        newlyViewValid = true;
    }

    private long orderKey(final int id)
    {
        final Subaccount subaccount = accounts.subaccountById(id);
        return ((long)subaccount.account().index() << 8) | subaccount.number();
    }

    private Subaccount subaccountOf(final long key)
    {
        return accounts.at((int)(key >>> 8)).subaccount((int)(key & 0xFF));
    }
}
