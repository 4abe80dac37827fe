package io.novation.core.liquidation;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.oracle.OracleBook;

import java.util.Arrays;

/**
 * What the subaccount the {@link HealthIndex} is checking holds, per oracle (its exposure, in quote quantums per
 * price move) and per perpetual market (its size, base quantums, and funding settled and accrued, quote quantums),
 * and the split of its cushion between the oracles: scratch reused from one check to the next.
 */
final class SubaccountExposures
{
    /**
     * With several oracles, how far each may move in the subaccount's favour, as a share of its binding cap: 1/4.
     * Small, so that the certain-flip thresholds of the others sit close to the true ones; crossing it only disarms
     * them.
     */
    private static final int FREE_SHIFT = 2;
    private static final long UNBOUNDED = PriceBands.UNBOUNDED;
    private static final long EXPOSURE_CAP = 1L << 54;

    private final OracleBook oracles;
    OracleExposure[] exposures = new OracleExposure[4];
    int exposureCount;
    long[] lossCaps = new long[4];
    long[] gainCaps = new long[4];
    int[] fundingMarkets = new int[4];
    long[] fundingSizes = new long[4];
    long[] fundingSettled = new long[4];
    long[] fundingAccrued = new long[4];
    int fundingCount;

    SubaccountExposures(final OracleBook oracles)
    {
        this.oracles = oracles;
    }

    /**
     * Forgets the previous subaccount's holdings.
     */
    void reset()
    {
        exposureCount = 0;
        fundingCount = 0;
    }

    /**
     * Splits the price share of the cushion between the oracles in proportion to their gross exposure, so that each
     * may move by about the same fraction of its price; that split binds the losses of a healthy subaccount (the
     * gains of one below). The other direction is free: unbounded when one oracle alone prices the subaccount, else a
     * quarter of the binding cap, so that the others' moves stay bounded for the certain-flip thresholds.
     */
    void allocate(final long budget, final boolean liquidatable)
    {
        if (lossCaps.length < exposureCount)
        {
            lossCaps = new long[exposures.length];
            gainCaps = new long[exposures.length];
        }
        long total = 0;
        for (int e = 0; e < exposureCount; e++)
        {
            total += Math.min(exposures[e].gross0, EXPOSURE_CAP);
        }
        for (int e = 0; e < exposureCount; e++)
        {
            final long binding = total == 0 ? budget / exposureCount :
                FixedPoint.mulDiv(budget, Math.min(exposures[e].gross0, EXPOSURE_CAP), total, Rounding.DOWN);
            final long free = exposureCount == 1 ? UNBOUNDED : binding >> FREE_SHIFT;
            lossCaps[e] = liquidatable ? free : binding;
            gainCaps[e] = liquidatable ? binding : free;
        }
    }

    OracleExposure exposure(final int oracleId)
    {
        for (int e = 0; e < exposureCount; e++)
        {
            if (exposures[e].oracleId == oracleId)
            {
                return exposures[e];
            }
        }
        if (exposureCount == exposures.length)
        {
            exposures = Arrays.copyOf(exposures, exposureCount * 2);
        }
        OracleExposure exposure = exposures[exposureCount];
        if (exposure == null)
        {
            exposure = new OracleExposure();
            exposures[exposureCount] = exposure;
        }
        exposureCount++;
        exposure.reset(oracleId, oracles.priceExponent(oracleId));
        return exposure;
    }

    void addFunding(final int marketId, final long size, final long settled)
    {
        if (fundingCount == fundingMarkets.length)
        {
            final int length = fundingCount * 2;
            fundingMarkets = Arrays.copyOf(fundingMarkets, length);
            fundingSizes = Arrays.copyOf(fundingSizes, length);
            fundingSettled = Arrays.copyOf(fundingSettled, length);
            fundingAccrued = Arrays.copyOf(fundingAccrued, length);
        }
        fundingMarkets[fundingCount] = marketId;
        fundingSizes[fundingCount] = size;
        fundingSettled[fundingCount] = settled;
        fundingCount++;
    }
}
