package io.novation.core.risk;

import io.novation.core.command.ReportMarketDepth;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

import java.util.List;

/**
 * The liquidation penalty that follows book depth: the fillable-price spread and the insurance fee of a liquidation
 * (ppm) grow with the cost of unwinding the liquidated notional (quote quantums) into the reported book.
 * <ol>
 *   <li><b>Unwind impact</b> {@code I(N)}, ppm of mid: how far from the mid the book must be walked to fill the
 *   notional {@code N} on the side that takes it (bids for a long being sold, asks for a short being bought). Between
 *   the reported levels {@code (d_i, D_i)} (distance, cumulative notional, starting from {@code (0, 0)}) the impact
 *   is linear in the notional; beyond the last level it continues at the book's average slope {@code d_n / D_n}; at
 *   most 1,000,000, and 1,000,000 with an empty side.</li>
 *   <li><b>Spread</b>: the ratio SMMR of the fillable price (dYdX's spread-to-maintenance-margin ratio) rises to the
 *   one whose full spread covers the impact, {@code ceil(I × 1,000,000 / MMF)} with MMF the position's maintenance
 *   fraction: {@code SMMR' = min(max(SMMR, capSpread), max(SMMR, ceil(I·10^6 / MMF)))}.</li>
 *   <li><b>Fee</b>: the insurance fee grows in the same proportion, {@code fee' = min(max(fee, capFee),
 *   max(fee, ceil(fee × SMMR' / SMMR)))}.</li>
 * </ol>
 * The static parameters are the floor, so a deep book changes nothing; the caps are governance's depth-penalty
 * bounds.
 */
public final class DepthPenalty
{
    private static final long PPM = FixedPoint.PPM;

    private DepthPenalty()
    {
    }

    /**
     * The unwind impact of a notional on one side of the book.
     *
     * @param notional quote quantums to fill, not negative.
     * @param levels   the depth report's levels, validated (distances increasing, notionals not decreasing).
     * @param bids     true to fill against the bids (closing a long), false against the asks.
     * @return ppm of mid, in [0, 1,000,000].
     */
    public static long unwindImpactPpm(final long notional, final List<ReportMarketDepth.Level> levels,
        final boolean bids)
    {
        if (notional <= 0)
        {
            return 0;
        }
        long previousDistance = 0;
        long previousDepth = 0;
        for (final ReportMarketDepth.Level level : levels)
        {
            final long depth = bids ? level.bidNotional() : level.askNotional();
            if (notional <= depth && depth > previousDepth)
            {
                return Math.min(PPM, previousDistance + FixedPoint.mulDiv(level.distancePpm() - previousDistance,
                    notional - previousDepth, depth - previousDepth, Rounding.UP));
            }
            previousDistance = level.distancePpm();
            previousDepth = depth;
        }
        if (previousDepth <= 0)
        {
            return PPM;
        }
        // Beyond the deepest level: the book's average slope, d_n / D_n.
        if (FixedPoint.compareProducts(previousDistance, notional, PPM, previousDepth) >= 0)
        {
            return PPM;
        }
        return FixedPoint.mulDiv(previousDistance, notional, previousDepth, Rounding.UP);
    }

    /**
     * The liquidation parameters of one liquidation: the static ones with the spread ratio and the fee raised for the
     * depth, within the bounds.
     *
     * @param base                   the static parameters.
     * @param bounds                 the market's depth-penalty bounds.
     * @param notional               the liquidated part's notional, quote quantums, not negative.
     * @param maintenanceFractionPpm the position's maintenance margin fraction, ppm.
     * @param levels                 the depth report's levels.
     * @param closingLong            true when the liquidated position is long (sold into the bids).
     * @return the parameters to liquidate with.
     */
    public static LiquidationParameters parameters(final LiquidationParameters base, final DepthPenaltyBounds bounds,
        final long notional, final long maintenanceFractionPpm, final List<ReportMarketDepth.Level> levels,
        final boolean closingLong)
    {
        final long impact = unwindImpactPpm(notional, levels, closingLong);
        final long baseSpread = base.spreadToMaintenanceMarginRatioPpm();
        final long spreadCap = Math.max(baseSpread, bounds.maxSpreadRatioPpm());
        final long covering = maintenanceFractionPpm <= 0 ? spreadCap :
            FixedPoint.compareProducts(impact, PPM, spreadCap, maintenanceFractionPpm) >= 0 ? spreadCap :
            FixedPoint.mulDiv(impact, PPM, maintenanceFractionPpm, Rounding.UP);
        final long spread = Math.min(spreadCap, Math.max(baseSpread, covering));
        final long baseFee = base.maxLiquidationFeePpm();
        final long feeCap = Math.max(baseFee, bounds.maxFeePpm());
        final long fee = Math.min(feeCap, Math.max(baseFee, FixedPoint.mulDiv(baseFee, spread, baseSpread,
            Rounding.UP)));
        if (spread == baseSpread && fee == baseFee)
        {
            return base;
        }
        return new LiquidationParameters(fee, base.bankruptcyAdjustmentPpm(), spread, base.largePositionNotional(),
            base.partialFractionPpm(), base.cooldownMs(), base.backstopRatioPpm());
    }
}
