package io.novation.core.liquidation;

import io.novation.core.market.Markets;
import io.novation.core.oracle.OracleBook;

import java.util.Arrays;

/**
 * The {@link HealthIndex}'s trigger books: one per oracle over its index price (price units) and one per perpetual
 * market over its cumulative funding index, each moved to the current value at a refresh, which hands the triggers
 * it crosses to the index's sink.
 */
final class TriggerBooks
{
    private static final int COMPACTION_FLOOR = 1 << 16;

    private final Markets markets;
    private final OracleBook oracles;
    private TriggerBook[] priceBooks = new TriggerBook[4];
    private int priceBookCount;
    private TriggerBook[] fundingBooks = new TriggerBook[4];
    private int fundingBookCount;
    private long storedAfterCompaction;

    TriggerBooks(final Markets markets, final OracleBook oracles)
    {
        this.markets = markets;
        this.oracles = oracles;
    }

    TriggerBook price(final int oracleId)
    {
        return priceBooks[oracleId];
    }

    TriggerBook funding(final int marketId)
    {
        return fundingBooks[marketId];
    }

    /**
     * Drops every entry at once (every one is stale after the index schedules all subaccounts).
     */
    void clear()
    {
        for (int i = 0; i < priceBookCount; i++)
        {
            priceBooks[i].clear();
        }
        for (int i = 0; i < fundingBookCount; i++)
        {
            fundingBooks[i].clear();
        }
        storedAfterCompaction = 0;
    }

    /**
     * Moves every book whose value changed since it was last synced, handing the crossed triggers to the sink.
     */
    void moveAll(final TriggerSink sink)
    {
        for (int oracleId = 0; oracleId < priceBookCount; oracleId++)
        {
            final long price = oracles.price(oracleId);
            if (price != priceBooks[oracleId].synced())
            {
                priceBooks[oracleId].moveTo(price, sink);
            }
        }
        for (int marketId = 0; marketId < fundingBookCount; marketId++)
        {
            final long index = markets.perpetual(marketId).funding().cumulativeIndex();
            if (index != fundingBooks[marketId].synced())
            {
                fundingBooks[marketId].moveTo(index, sink);
            }
        }
    }

    void ensure()
    {
        final int oracleCount = oracles.count();
        if (oracleCount > priceBookCount)
        {
            if (oracleCount > priceBooks.length)
            {
                priceBooks = Arrays.copyOf(priceBooks, Math.max(oracleCount, priceBooks.length * 2));
            }
            for (int i = priceBookCount; i < oracleCount; i++)
            {
                priceBooks[i] = new TriggerBook();
            }
            priceBookCount = oracleCount;
        }
        final int marketCount = markets.perpetualCount();
        if (marketCount > fundingBookCount)
        {
            if (marketCount > fundingBooks.length)
            {
                fundingBooks = Arrays.copyOf(fundingBooks, Math.max(marketCount, fundingBooks.length * 2));
            }
            for (int i = fundingBookCount; i < marketCount; i++)
            {
                fundingBooks[i] = new TriggerBook();
            }
            fundingBookCount = marketCount;
        }
    }

    boolean anyMoved()
    {
        for (int oracleId = 0; oracleId < priceBookCount; oracleId++)
        {
            if (oracles.price(oracleId) != priceBooks[oracleId].synced())
            {
                return true;
            }
        }
        for (int marketId = 0; marketId < fundingBookCount; marketId++)
        {
            if (markets.perpetual(marketId).funding().cumulativeIndex() != fundingBooks[marketId].synced())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Stale entries are dropped when met; the rest are swept once the books have doubled since the last sweep, which
     * keeps the work per stale entry constant.
     */
    void compactIfStale(final TriggerSink sink)
    {
        long stored = 0;
        for (int i = 0; i < priceBookCount; i++)
        {
            stored += priceBooks[i].entries();
        }
        for (int i = 0; i < fundingBookCount; i++)
        {
            stored += fundingBooks[i].entries();
        }
        if (stored > 2 * storedAfterCompaction + COMPACTION_FLOOR)
        {
            for (int i = 0; i < priceBookCount; i++)
            {
                stored -= priceBooks[i].compact(sink);
            }
            for (int i = 0; i < fundingBookCount; i++)
            {
                stored -= fundingBooks[i].compact(sink);
            }
            storedAfterCompaction = stored;
        }
    }
}
