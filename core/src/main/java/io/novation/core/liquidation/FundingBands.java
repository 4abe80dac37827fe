package io.novation.core.liquidation;

import io.novation.core.funding.FundingMath;
import io.novation.core.funding.FundingParameters;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

/**
 * The band of a market's cumulative funding index (billionths of a quote quantum per base quantum) within which one
 * position's accrued funding {@code g(F) = ⌊(f − F)·s / 1e9⌋} (quote quantums; f its settled index, s its signed size)
 * moves by no less than {@code −lossCap} and no more than {@code gainCap}. g is monotone in F (falling for a long,
 * rising for a short), so each edge is solved in closed form and then checked exactly at the edge; an edge that
 * cannot be checked falls back to the current index (a band of zero width on that side).
 */
final class FundingBands
{
    private static final long NONE = TriggerLadder.NONE;
    private static final long PPB = FundingParameters.PPB;

    private FundingBands()
    {
    }

    /**
     * The lowest index of the band.
     *
     * @param size    signed base quantums, not zero.
     * @param settled the index the position last settled at.
     * @param index   the market's current index.
     * @param accrued g at the current index.
     * @param lossCap quote quantums, not negative.
     * @param gainCap quote quantums, not negative.
     * @return the edge, or {@link TriggerLadder#NONE} when no index below leaves the band.
     */
    static long lowerEdge(final long size, final long settled, final long index, final long accrued,
        final long lossCap, final long gainCap)
    {
        long edge;
        try
        {
            if (size > 0)
            {
                // g falls as F rises: F ≥ f − ⌈(g0 + gainCap + 1)·1e9 / s⌉ + 1 keeps g ≤ g0 + gainCap.
                final long limit = Math.addExact(Math.addExact(accrued, gainCap), 1);
                edge = Math.addExact(Math.subtractExact(settled, FixedPoint.mulDiv(limit, PPB, size, Rounding.UP)), 1);
            }
            else
            {
                // g rises with F: F ≥ f + ⌈(g0 − lossCap)·1e9 / |s|⌉ keeps g ≥ g0 − lossCap.
                final long limit = Math.subtractExact(accrued, lossCap);
                edge = Math.addExact(settled, FixedPoint.mulDiv(limit, PPB, Math.negateExact(size), Rounding.UP));
            }
        }
        catch (final ArithmeticException ex)
        {
            return NONE;
        }
        edge = Math.min(edge, index);
        return holds(size, settled, edge, accrued, lossCap, gainCap) ? edge : index;
    }

    /**
     * The highest index of the band.
     *
     * @param size    signed base quantums, not zero.
     * @param settled the index the position last settled at.
     * @param index   the market's current index.
     * @param accrued g at the current index.
     * @param lossCap quote quantums, not negative.
     * @param gainCap quote quantums, not negative.
     * @return the edge, or {@link TriggerLadder#NONE} when no index above leaves the band.
     */
    static long upperEdge(final long size, final long settled, final long index, final long accrued,
        final long lossCap, final long gainCap)
    {
        long edge;
        try
        {
            if (size > 0)
            {
                // F ≤ f − ⌈(g0 − lossCap)·1e9 / s⌉ keeps g ≥ g0 − lossCap.
                final long limit = Math.subtractExact(accrued, lossCap);
                edge = Math.subtractExact(settled, FixedPoint.mulDiv(limit, PPB, size, Rounding.UP));
            }
            else
            {
                // F ≤ f + ⌈(g0 + gainCap + 1)·1e9 / |s|⌉ − 1 keeps g ≤ g0 + gainCap.
                final long limit = Math.addExact(Math.addExact(accrued, gainCap), 1);
                edge = Math.subtractExact(Math.addExact(settled,
                    FixedPoint.mulDiv(limit, PPB, Math.negateExact(size), Rounding.UP)), 1);
            }
        }
        catch (final ArithmeticException ex)
        {
            return NONE;
        }
        edge = Math.max(edge, index);
        return holds(size, settled, edge, accrued, lossCap, gainCap) ? edge : index;
    }

    private static boolean holds(final long size, final long settled, final long edge, final long accrued,
        final long lossCap, final long gainCap)
    {
        try
        {
            final long g = FundingMath.settlementQuoteQuantums(settled, edge, size);
            final long move = Math.subtractExact(g, accrued);
            return move >= -lossCap && move <= gainCap;
        }
        catch (final ArithmeticException ex)
        {
            return false;
        }
    }
}
