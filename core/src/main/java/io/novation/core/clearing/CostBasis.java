package io.novation.core.clearing;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

/**
 * Cost-basis accounting of a position that changes size against a quote amount: the part that opens or adds keeps
 * its quote value as cost, the part that closes releases its share of the cost and realizes the difference as PnL.
 * Quote quantums throughout; shares of cost are truncated toward zero. One instance is reused per party.
 */
public final class CostBasis
{
    private long newCostBasis;
    private long realizedPnl;

    /**
     * Works out the new cost basis and the realized PnL.
     *
     * @param oldSize      signed base quantums before.
     * @param oldCostBasis quote quantums paid for the position before (negative for a short: quote received).
     * @param newSize      signed base quantums after.
     * @param signedQuote  quote value of the change: positive when buying, negative when selling.
     * @return this.
     */
    public CostBasis apply(final long oldSize, final long oldCostBasis, final long newSize, final long signedQuote)
    {
        final long delta = newSize - oldSize;
        if (oldSize == 0 || Long.signum(delta) == Long.signum(oldSize))
        {
            newCostBasis = Math.addExact(oldCostBasis, signedQuote);
            realizedPnl = 0;
        }
        else if (Math.abs(delta) <= Math.abs(oldSize))
        {
            final long closedCost = FixedPoint.mulDiv(
                oldCostBasis, Math.abs(delta), Math.abs(oldSize), Rounding.TOWARD_ZERO);
            newCostBasis = Math.subtractExact(oldCostBasis, closedCost);
            realizedPnl = Math.subtractExact(-signedQuote, closedCost);
        }
        else
        {
            final long closingQuote = FixedPoint.mulDiv(
                signedQuote, Math.abs(oldSize), Math.abs(delta), Rounding.TOWARD_ZERO);
            newCostBasis = Math.subtractExact(signedQuote, closingQuote);
            realizedPnl = Math.subtractExact(-closingQuote, oldCostBasis);
        }
        if (newSize == 0)
        {
            newCostBasis = 0;
        }
        return this;
    }

    /**
     * The cost basis after the change.
     *
     * @return quote quantums.
     */
    public long newCostBasis()
    {
        return newCostBasis;
    }

    /**
     * The PnL the change realized.
     *
     * @return quote quantums.
     */
    public long realizedPnl()
    {
        return realizedPnl;
    }
}
