package io.novation.sim.demo;

import io.novation.core.command.Order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The venue's order flow: one crossing matcher per market, in which the market makers quote, the keepers' desks
 * unwind what they took over and the traders send their orders; it yields the fills (sizes in base quantums, prices
 * in price units) in the order they happened and keeps the market makers' inventories in step with them.
 */
final class OrderFlow
{
    private static final double UNWIND_SLIPPAGE = 0.02;

    private final DemoCast cast;
    private final TraderDecisions decisions;
    private final List<CrossingMatcher> books = new ArrayList<>();
    private long takerOrders;

    OrderFlow(final int markets, final DemoCast cast, final TraderDecisions decisions)
    {
        this.cast = cast;
        this.decisions = decisions;
        for (int i = 0; i < markets; i++)
        {
            books.add(new CrossingMatcher());
        }
    }

    /** A market's book. */
    CrossingMatcher book(final int marketId)
    {
        return books.get(marketId);
    }

    /** Orders sent to the books as takers so far. */
    long takerOrders()
    {
        return takerOrders;
    }

    /**
     * The opening: the market makers quote around each market's first index, then every trader sends one order
     * toward its side for about its target notional, in a shuffled order.
     *
     * @param markets the markets.
     * @param index   each market's first index, price units.
     * @param domain  the EIP-712 domain separator orders are signed for.
     * @param expiry  the orders' expiry, epoch ms.
     * @return the fills.
     */
    List<CrossingMatcher.Fill> open(final List<DemoMarket> markets, final long[] index, final byte[] domain,
        final long expiry)
    {
        for (final DemoMarket market : markets)
        {
            for (final MarketMaker maker : cast.makers())
            {
                maker.quote(market, books.get(market.id()), index[market.id()], domain, expiry);
            }
        }
        final Order[] orders = cast.traders().parallelStream().map(trader ->
        {
            final DemoMarket market = trader.market();
            final long price = index[market.id()];
            final double scale = 0.8 + 0.2 * unit(trader.name().hashCode());
            final long size = market.sizeFor(trader.collateral() / 1e6 * trader.leverage() * scale, price);
            if (size == 0)
            {
                return null;
            }
            final boolean buy = trader.bull();
            return trader.sign(domain, market.id(), buy, size, market.shifted(price,
                buy ? TraderDecisions.TAKER_SLIPPAGE : -TraderDecisions.TAKER_SLIPPAGE, buy), expiry, false);
        }).toArray(Order[]::new);
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < orders.length; i++)
        {
            order.add(i);
        }
        decisions.shuffle(order);
        final List<CrossingMatcher.Fill> fills = new ArrayList<>();
        for (final int i : order)
        {
            if (orders[i] == null)
            {
                continue;
            }
            final int marketId = orders[i].market();
            final DemoMarket market = markets.get(marketId);
            for (final MarketMaker maker : cast.makers())
            {
                if (maker.due(market, books.get(marketId), index[marketId]))
                {
                    record(fills, maker.quote(market, books.get(marketId), index[marketId], domain, expiry));
                }
            }
            takerOrders++;
            record(fills, books.get(marketId).submit(orders[i], true));
        }
        return fills;
    }

    /**
     * One market's trading in a minute: the market makers re-quote, the desks unwind, and a Poisson number of traders
     * (more in a larger population and a faster market) act, the makers re-quoting before each.
     *
     * @param market the market.
     * @param minute the minute of the day.
     * @param index  the minute's closing index, price units.
     * @param domain the EIP-712 domain separator orders are signed for.
     * @param expiry the orders' expiry, epoch ms.
     * @param fills  where the fills go.
     */
    void trade(final DemoMarket market, final int minute, final long index, final byte[] domain, final long expiry,
        final List<CrossingMatcher.Fill> fills)
    {
        final int id = market.id();
        final CrossingMatcher book = books.get(id);
        for (final MarketMaker maker : cast.makers())
        {
            maker.syncInventory(id);
            if (maker.due(market, book, index))
            {
                record(fills, maker.quote(market, book, index, domain, expiry));
            }
        }
        for (final Participant desk : cast.desks())
        {
            final long position = desk.position(id);
            if (position != 0)
            {
                final boolean buy = position < 0;
                final Order unwind = desk.sign(domain, id, buy, Math.abs(position),
                    market.shifted(index, buy ? UNWIND_SLIPPAGE : -UNWIND_SLIPPAGE, buy), expiry, true);
                takerOrders++;
                record(fills, book.submit(unwind, true));
            }
        }
        final double move = Math.abs((double)market.series().close(minute) / market.series().open(minute) - 1);
        final double rate = Math.max(1, cast.traders(id).size() / 2_500.0) * (1 + Math.min(6, move / 0.001));
        final int actions = decisions.actions(rate);
        final Set<Trader> acted = new HashSet<>();
        for (int a = 0; a < actions && !cast.traders(id).isEmpty(); a++)
        {
            final Trader trader = decisions.pick(cast.traders(id));
            if (trader.liquidated() || !acted.add(trader))
            {
                continue;
            }
            final Order order = decisions.decide(domain, trader, market, minute, index, expiry);
            if (order != null)
            {
                for (final MarketMaker maker : cast.makers())
                {
                    if (maker.due(market, book, index))
                    {
                        record(fills, maker.quote(market, book, index, domain, expiry));
                    }
                }
                takerOrders++;
                record(fills, book.submit(order, true));
            }
        }
    }

    private void record(final List<CrossingMatcher.Fill> into, final List<CrossingMatcher.Fill> fills)
    {
        for (final CrossingMatcher.Fill fill : fills)
        {
            for (final MarketMaker maker : cast.makers())
            {
                if (maker.owns(fill.maker()))
                {
                    maker.filled(fill.maker().market(), fill.maker().isBuy() ? fill.size() : -fill.size());
                }
                if (maker.owns(fill.taker()))
                {
                    maker.filled(fill.taker().market(), fill.taker().isBuy() ? fill.size() : -fill.size());
                }
            }
        }
        into.addAll(fills);
    }

    private static double unit(final int hash)
    {
        final long mixed = Long.rotateLeft(hash * 0x9E3779B97F4A7C15L, 31) * 0xBF58476D1CE4E5B9L;
        return (mixed >>> 11) / (double)(1L << 53);
    }
}
