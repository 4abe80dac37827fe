package io.novation.core.margin;

import io.novation.core.account.Subaccount;
import io.novation.core.market.Markets;
import io.novation.core.oracle.OracleBook;
import io.novation.core.oracle.OracleFeed;
import io.novation.core.surface.VolSurfaceBook;

/**
 * The engine's own margin function evaluated with one oracle's index price replaced (price units at the oracle's
 * exponent), as if a fresh round at that price had been accepted at the current command time, every other oracle as
 * it is: a private copy of the engine's oracle prices, times and parameters, with a {@link MarginCalculator} of its
 * own over it and over the engine's markets and volatility surfaces. The engine's state is never written, and the
 * engine's calculator is not involved: a reporting tool, off the hot path.
 */
public final class OraclePriceOverride
{
    private final OracleBook source;
    private final OracleBook view = new OracleBook();
    private final MarginCalculator calculator;

    /**
     * An override view over the engine's registries.
     *
     * @param markets  assets, perpetuals and option series (read only).
     * @param source   the engine's oracles (read only).
     * @param surfaces volatility surfaces (read only).
     */
    public OraclePriceOverride(final Markets markets, final OracleBook source, final VolSurfaceBook surfaces)
    {
        this.source = source;
        this.calculator = new MarginCalculator(markets, view, surfaces);
        refresh();
    }

    /**
     * Copies the engine's oracle prices, times, parameters and command time again (after the engine moved on).
     */
    public void refresh()
    {
        for (int id = 0; id < source.count(); id++)
        {
            final OracleFeed from = source.feed(id);
            if (id >= view.count())
            {
                view.define(from.name(), from.priceExponent());
            }
            final OracleFeed to = view.feed(id);
            to.parameters(from.parameters());
            to.restore(from.price(), from.updatedAt(), OracleBook.NO_PRICE, 0, 0);
        }
        view.time(source.time());
    }

    /**
     * Number of oracles copied.
     *
     * @return ids are 0 to count - 1.
     */
    public int oracleCount()
    {
        return view.count();
    }

    /**
     * The engine's index price of an oracle, as copied by the last {@link #refresh}.
     *
     * @param oracleId a defined oracle.
     * @return price units, or {@link OracleBook#NO_PRICE}.
     */
    public long price(final int oracleId)
    {
        return view.feed(oracleId).price();
    }

    /**
     * The subaccount's margin figures with one oracle's index at a price, fresh at the current command time.
     *
     * @param subaccount the subaccount (read only).
     * @param oracleId   the oracle whose price is replaced.
     * @param price      the replacing price, positive price units.
     * @param out        receives the figures.
     * @return true, or false when a price or surface needed is missing.
     * @throws ArithmeticException when a figure at that price does not fit 64 bits.
     */
    public boolean compute(final Subaccount subaccount, final int oracleId, final long price, final MarginFigures out)
    {
        if (price <= 0)
        {
            throw new IllegalArgumentException("price " + price + " is not positive");
        }
        final OracleFeed feed = view.feed(oracleId);
        final long savedPrice = feed.price();
        final long savedAt = feed.updatedAt();
        feed.restore(price, view.time(), OracleBook.NO_PRICE, 0, 0);
        try
        {
            return calculator.compute(subaccount, out);
        }
        finally
        {
            feed.restore(savedPrice, savedAt, OracleBook.NO_PRICE, 0, 0);
        }
    }
}
