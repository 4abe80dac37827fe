package io.novation.core.account;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * The subaccounts holding a position in each market (a count of subaccounts per market), kept as positions open and
 * close, so that a market's holders are found without walking every account. Derived state: rebuilt by replaying
 * positions (a snapshot restores positions through {@link Subaccount#setPosition}), never committed. The order of a
 * market's holders depends on the history of opens and closes: callers that need an order impose their own.
 */
public final class MarketHolders
{
    private static final Subaccount[] NONE = new Subaccount[0];

    private final Int2ObjectHashMap<Holders> byMarket = new Int2ObjectHashMap<>();
    private final Long2LongHashMap slotOf = new Long2LongHashMap(-1);

    private static final class Holders
    {
        Subaccount[] subaccounts = new Subaccount[8];
        int count;
    }

    private static long key(final int marketId, final Subaccount subaccount)
    {
        return ((long)marketId << 32) | (subaccount.id() & 0xFFFF_FFFFL);
    }

    void opened(final int marketId, final Subaccount subaccount)
    {
        Holders holders = byMarket.get(marketId);
        if (holders == null)
        {
            holders = new Holders();
            byMarket.put(marketId, holders);
        }
        if (holders.count == holders.subaccounts.length)
        {
            holders.subaccounts = java.util.Arrays.copyOf(holders.subaccounts, holders.count * 2);
        }
        holders.subaccounts[holders.count] = subaccount;
        slotOf.put(key(marketId, subaccount), holders.count);
        holders.count++;
    }

    void closed(final int marketId, final Subaccount subaccount)
    {
        final Holders holders = byMarket.get(marketId);
        final long slot = slotOf.remove(key(marketId, subaccount));
        if (holders == null || slot < 0)
        {
            return;
        }
        final int last = --holders.count;
        final Subaccount moved = holders.subaccounts[last];
        holders.subaccounts[(int)slot] = moved;
        holders.subaccounts[last] = null;
        if (moved != subaccount)
        {
            slotOf.put(key(marketId, moved), slot);
        }
    }

    /**
     * Number of subaccounts holding a position in a market.
     *
     * @param marketId market.
     * @return count.
     */
    public int count(final int marketId)
    {
        final Holders holders = byMarket.get(marketId);
        return holders == null ? 0 : holders.count;
    }

    /**
     * The subaccounts holding a position in a market; only the first {@link #count(int)} entries are holders, in no
     * particular order, and the array is valid until the next position opens or closes.
     *
     * @param marketId market.
     * @return the holders' array.
     */
    public Subaccount[] holders(final int marketId)
    {
        final Holders holders = byMarket.get(marketId);
        return holders == null ? NONE : holders.subaccounts;
    }
}
