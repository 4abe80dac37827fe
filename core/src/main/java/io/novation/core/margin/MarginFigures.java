package io.novation.core.margin;

import io.novation.core.money.FixedPoint;

/**
 * The margin figures of one subaccount, all in quote quantums (1e-6 USDC): net collateral under initial and under
 * maintenance weights, the initial and maintenance margin requirements, and the total absolute position notional.
 * A mutable scratch value, reused on the hot path.
 */
public final class MarginFigures
{
    long netCollateralInitial;
    long netCollateralMaintenance;
    long initialMarginRequirement;
    long maintenanceMarginRequirement;
    long absoluteNotional;
    boolean holdsPositions;
    long accruedFunding;
    boolean fundingSettled;
    boolean hasMaintenance = true;

    /**
     * Net collateral with initial-weighted collateral plus position notionals at the oracle price.
     *
     * @return quote quantums.
     */
    public long netCollateralInitial()
    {
        return netCollateralInitial;
    }

    /**
     * Net collateral with maintenance-weighted collateral plus position notionals at the oracle price.
     *
     * @return quote quantums.
     */
    public long netCollateralMaintenance()
    {
        return netCollateralMaintenance;
    }

    /**
     * Initial margin requirement, summed over positions, each rounded up.
     *
     * @return quote quantums.
     */
    public long initialMarginRequirement()
    {
        return initialMarginRequirement;
    }

    /**
     * Maintenance margin requirement, summed over positions, each rounded up.
     *
     * @return quote quantums.
     */
    public long maintenanceMarginRequirement()
    {
        return maintenanceMarginRequirement;
    }

    /**
     * Sum of the absolute notionals of all positions at the oracle price.
     *
     * @return quote quantums.
     */
    public long absoluteNotional()
    {
        return absoluteNotional;
    }

    /**
     * Whether the subaccount holds any position (a worthless long option requires nothing and has no notional).
     *
     * @return true with at least one position of non-zero size.
     */
    public boolean holdsPositions()
    {
        return holdsPositions;
    }

    /**
     * Funding accrued by the subaccount's perpetual positions and not yet settled to its quote balance, already
     * counted in its net collateral.
     *
     * @return signed quote quantums.
     */
    public long accruedFunding()
    {
        return accruedFunding;
    }

    /**
     * Whether the maintenance figures were computed: false after {@link MarginCalculator#computeInitial} of a
     * standard-margin subaccount holding only perpetuals, whose maintenance requirement it leaves out.
     *
     * @return true when {@link #maintenanceMarginRequirement()} and {@link #isBelowMaintenance()} may be read.
     */
    public boolean hasMaintenance()
    {
        return hasMaintenance;
    }

    /**
     * Whether every perpetual position was settled at its market's current funding index for its side, so that
     * settling funding now would change nothing.
     *
     * @return true when there is nothing to settle.
     */
    public boolean isFundingSettled()
    {
        return fundingSettled;
    }

    private void requireMaintenance()
    {
        if (!hasMaintenance)
        {
            throw new IllegalStateException("the maintenance figures were not computed");
        }
    }

    /**
     * Free collateral: initial net collateral above the initial requirement (may be negative).
     *
     * @return quote quantums.
     */
    public long freeCollateral()
    {
        return netCollateralInitial - initialMarginRequirement;
    }

    /**
     * Whether the subaccount meets its initial margin requirement.
     *
     * @return NC(initial) >= IMR.
     */
    public boolean meetsInitialMargin()
    {
        return netCollateralInitial >= initialMarginRequirement;
    }

    /**
     * Whether the subaccount may be liquidated: MMR > 0 and NC(maintenance) < MMR (dYdX).
     *
     * @return true when below maintenance.
     */
    public boolean isBelowMaintenance()
    {
        requireMaintenance();
        // Without a requirement (long options only) a subaccount with a position is liquidatable once its net
        // collateral is negative.
        return netCollateralMaintenance < maintenanceMarginRequirement &&
            (maintenanceMarginRequirement > 0 || netCollateralMaintenance < 0 && holdsPositions);
    }

    /**
     * Copies another set of figures into this one.
     *
     * @param other source.
     */
    public void copyFrom(final MarginFigures other)
    {
        netCollateralInitial = other.netCollateralInitial;
        netCollateralMaintenance = other.netCollateralMaintenance;
        initialMarginRequirement = other.initialMarginRequirement;
        maintenanceMarginRequirement = other.maintenanceMarginRequirement;
        absoluteNotional = other.absoluteNotional;
        holdsPositions = other.holdsPositions;
        accruedFunding = other.accruedFunding;
        fundingSettled = other.fundingSettled;
        hasMaintenance = other.hasMaintenance;
    }

    /**
     * Whether a subaccount may move from {@code before} to {@code after}, as dYdX v4's
     * {@code isValidStateTransitionForUndercollateralizedSubaccount} decides: it may if it ends at or above initial
     * margin; a subaccount that met initial margin may not fall below it; one already below may move only if it
     * reduces its risk: with a maintenance requirement of zero on either side, only when both are zero and net
     * collateral strictly rises; otherwise when the maintenance requirement does not rise and the ratio NC/MMR does
     * not fall (compared by cross-multiplying in 128 bits).
     *
     * @param before figures before the change.
     * @param after  figures after the change.
     * @return true when the change is allowed.
     */
    public static boolean isAllowedTransition(final MarginFigures before, final MarginFigures after)
    {
        if (after.meetsInitialMargin())
        {
            return true;
        }
        if (before.meetsInitialMargin())
        {
            return false;
        }
        before.requireMaintenance();
        after.requireMaintenance();
        if (before.maintenanceMarginRequirement == 0 || after.maintenanceMarginRequirement == 0)
        {
            return before.maintenanceMarginRequirement == after.maintenanceMarginRequirement &&
                after.netCollateralMaintenance > before.netCollateralMaintenance;
        }
        if (after.maintenanceMarginRequirement > before.maintenanceMarginRequirement)
        {
            return false;
        }
        // NC_after / MMR_after >= NC_before / MMR_before  <=>  NC_after * MMR_before >= NC_before * MMR_after
        return FixedPoint.compareProducts(
            after.netCollateralMaintenance, before.maintenanceMarginRequirement,
            before.netCollateralMaintenance, after.maintenanceMarginRequirement) >= 0;
    }
}
