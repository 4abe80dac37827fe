package io.novation.sim.demo;

import io.novation.core.command.Order;

import java.util.ArrayList;
import java.util.List;

/**
 * A market maker of the venue: it quotes every market in a ladder of levels around the oracle index (half-spreads in
 * basis points, each level worth a USD notional), with its mid moved against its inventory (short, it quotes higher,
 * as makers did ahead of 2025-10-10's long skew; this is what the funding premium samples), and it re-quotes when the
 * index has moved past its innermost half-spread or a side has been half taken. Prices in price units, sizes in base
 * quantums, inventory signed.
 */
public final class MarketMaker extends Participant
{
    private static final double MAX_SKEW = 0.0015;

    private final double[] halfSpreads;
    private final double levelNotionalUsd;
    private final double capacityUsd;
    private final long[] quotedIndex;
    private final long[] quotedSize;
    private final long[] inventory;

    /**
     * A market maker.
     *
     * @param name             its name (its key is keccak256 of it).
     * @param markets          how many markets it quotes.
     * @param halfSpreadsBps   the half-spread of each level, basis points.
     * @param levelNotionalUsd USD per level; level i quotes (i + 1) times it.
     * @param capacityUsd      the inventory notional at which its mid is moved furthest (0.15 %).
     */
    public MarketMaker(final String name, final int markets, final double[] halfSpreadsBps,
        final double levelNotionalUsd, final double capacityUsd)
    {
        super(name, markets);
        this.halfSpreads = halfSpreadsBps.clone();
        this.levelNotionalUsd = levelNotionalUsd;
        this.capacityUsd = capacityUsd;
        this.quotedIndex = new long[markets];
        this.quotedSize = new long[markets];
        this.inventory = new long[markets];
    }

    /**
     * Sets the inventory the node reports (the stream), before quoting.
     *
     * @param marketId the market.
     */
    public void syncInventory(final int marketId)
    {
        inventory[marketId] = position(marketId);
    }

    /**
     * Moves the inventory by a fill of one of its quotes, before the node has settled it.
     *
     * @param marketId the market.
     * @param delta    signed base quantums (a filled bid adds).
     */
    public void filled(final int marketId, final long delta)
    {
        inventory[marketId] += delta;
    }

    /**
     * Whether its quotes in a market are due: the index moved more than its innermost half-spread since it quoted, or
     * either side has less than half of what it quoted left.
     *
     * @param market the market.
     * @param book   its book.
     * @param index  the oracle index, price units.
     * @return true when it should re-quote.
     */
    public boolean due(final DemoMarket market, final CrossingMatcher book, final long index)
    {
        final int id = market.id();
        if (quotedIndex[id] == 0 || Math.abs(index - quotedIndex[id]) * 10_000.0 > halfSpreads[0] * quotedIndex[id])
        {
            return true;
        }
        final long half = quotedSize[id] / 2;
        return book.resting(address(), true) < half || book.resting(address(), false) < half;
    }

    /**
     * Cancels its quotes in a market and places a fresh signed ladder.
     *
     * @param market the market.
     * @param book   its book.
     * @param index  the oracle index, price units.
     * @param domain the node's EIP-712 domain separator.
     * @param expiry the orders' expiry, epoch ms.
     * @return fills when a new quote crossed another maker's (rare: mids skewed far apart).
     */
    public List<CrossingMatcher.Fill> quote(final DemoMarket market, final CrossingMatcher book, final long index,
        final byte[] domain, final long expiry)
    {
        final int id = market.id();
        book.cancelAll(address());
        final double inventoryUsd = market.notionalUsd(inventory[id], index);
        final double skew = Math.max(-MAX_SKEW, Math.min(MAX_SKEW, -inventoryUsd / capacityUsd * MAX_SKEW));
        long total = 0;
        final List<CrossingMatcher.Fill> fills = new ArrayList<>();
        for (int level = 0; level < halfSpreads.length; level++)
        {
            final double half = halfSpreads[level] / 10_000.0;
            final long size = market.sizeFor(levelNotionalUsd * (level + 1), index);
            if (size == 0)
            {
                continue;
            }
            final long bid = market.shifted(index, skew - half, false);
            final long ask = market.shifted(index, skew + half, true);
            fills.addAll(book.submit(sign(domain, id, true, size, bid, expiry, false), false));
            fills.addAll(book.submit(sign(domain, id, false, size, ask, expiry, false), false));
            total += size;
        }
        quotedIndex[id] = index;
        quotedSize[id] = total;
        return fills;
    }

    /**
     * Whether an order is one of its quotes.
     *
     * @param order an order.
     * @return true when it signed it.
     */
    public boolean owns(final Order order)
    {
        return order.account().equals(address());
    }
}
