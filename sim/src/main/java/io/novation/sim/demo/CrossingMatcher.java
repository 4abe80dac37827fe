package io.novation.sim.demo;

import io.novation.core.account.Address;
import io.novation.core.command.Order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order book of one market at a venue, with price-time priority: an incoming signed order crosses the resting
 * orders on the other side at their prices while they are at or better than its limit, and what is left of it rests
 * (a maker order) or is cancelled (immediate-or-cancel). Each match is a {@link Fill} carrying both signed orders,
 * which the venue sends to the clearing node as a {@code settleTrade}, as a real matching engine does. A resting order
 * of the taker's own account is skipped (the node would refuse a self-trade). Prices are price units, sizes base
 * quantums. Not thread-safe.
 */
public final class CrossingMatcher
{
    /**
     * One match.
     *
     * @param maker the resting order.
     * @param taker the incoming order.
     * @param size  base quantums.
     * @param price price units: the maker's limit.
     */
    public record Fill(Order maker, Order taker, long size, long price)
    {
    }

    private static final class Resting
    {
        private final Order order;
        private long remaining;

        private Resting(final Order order)
        {
            this.order = order;
            this.remaining = order.size();
        }
    }

    private final TreeMap<Long, ArrayDeque<Resting>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, ArrayDeque<Resting>> asks = new TreeMap<>();

    /**
     * Crosses an order against the book; rests what is left unless immediate-or-cancel.
     *
     * @param order             the signed order.
     * @param immediateOrCancel drop what does not cross at once.
     * @return the fills, best price first.
     */
    public List<Fill> submit(final Order order, final boolean immediateOrCancel)
    {
        final List<Fill> fills = new ArrayList<>(2);
        final TreeMap<Long, ArrayDeque<Resting>> opposite = order.isBuy() ? asks : bids;
        long left = order.size();
        final Iterator<Map.Entry<Long, ArrayDeque<Resting>>> levels = opposite.entrySet().iterator();
        while (left > 0 && levels.hasNext())
        {
            final Map.Entry<Long, ArrayDeque<Resting>> level = levels.next();
            final long price = level.getKey();
            if (order.isBuy() ? price > order.limitPrice() : price < order.limitPrice())
            {
                break;
            }
            final Iterator<Resting> queue = level.getValue().iterator();
            while (left > 0 && queue.hasNext())
            {
                final Resting resting = queue.next();
                if (resting.order.account().equals(order.account()))
                {
                    continue;
                }
                final long size = Math.min(left, resting.remaining);
                fills.add(new Fill(resting.order, order, size, price));
                left -= size;
                resting.remaining -= size;
                if (resting.remaining == 0)
                {
                    queue.remove();
                }
            }
            if (level.getValue().isEmpty())
            {
                levels.remove();
            }
        }
        if (left > 0 && !immediateOrCancel)
        {
            final Resting resting = new Resting(order);
            resting.remaining = left;
            (order.isBuy() ? bids : asks).computeIfAbsent(order.limitPrice(), p -> new ArrayDeque<>()).add(resting);
        }
        return fills;
    }

    /**
     * Cancels every resting order of an account.
     *
     * @param account the owner.
     */
    public void cancelAll(final Address account)
    {
        cancel(bids, account);
        cancel(asks, account);
    }

    private static void cancel(final TreeMap<Long, ArrayDeque<Resting>> side, final Address account)
    {
        final Iterator<ArrayDeque<Resting>> levels = side.values().iterator();
        while (levels.hasNext())
        {
            final ArrayDeque<Resting> level = levels.next();
            level.removeIf(resting -> resting.order.account().equals(account));
            if (level.isEmpty())
            {
                levels.remove();
            }
        }
    }

    /**
     * What rests on one side for an account.
     *
     * @param account the owner.
     * @param buy     the bid side (else the ask side).
     * @return base quantums.
     */
    public long resting(final Address account, final boolean buy)
    {
        long total = 0;
        for (final ArrayDeque<Resting> level : (buy ? bids : asks).values())
        {
            for (final Resting resting : level)
            {
                if (resting.order.account().equals(account))
                {
                    total += resting.remaining;
                }
            }
        }
        return total;
    }

    /**
     * The best bid.
     *
     * @return price units, 0 when the side is empty.
     */
    public long bestBid()
    {
        return bids.isEmpty() ? 0 : bids.firstKey();
    }

    /**
     * The best ask.
     *
     * @return price units, 0 when the side is empty.
     */
    public long bestAsk()
    {
        return asks.isEmpty() ? 0 : asks.firstKey();
    }

    /**
     * The impact price of one side (dYdX, after FTX): the price of the level at which a market order of the given size
     * against that side would complete.
     *
     * @param buy  the price a buyer would reach (walks the asks), else a seller (walks the bids).
     * @param size base quantums.
     * @return price units, 0 when the side is not deep enough.
     */
    public long impactPrice(final boolean buy, final long size)
    {
        long left = size;
        for (final Map.Entry<Long, ArrayDeque<Resting>> level : (buy ? asks : bids).entrySet())
        {
            for (final Resting resting : level.getValue())
            {
                left -= resting.remaining;
            }
            if (left <= 0)
            {
                return level.getKey();
            }
        }
        return 0;
    }
}
