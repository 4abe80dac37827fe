package io.novation.node.warning;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

/**
 * The margin-warning thresholds of health (maintenance net collateral over maintenance requirement), in ppm: 1.5,
 * 1.2 and 1.05; a threshold fires once when the health falls below it and is re-armed when the health is back at or
 * above the threshold plus {@link #HYSTERESIS_PPM}.
 */
public final class WarningLevels
{
    /** The thresholds, ppm, highest first. */
    private static final long[] THRESHOLDS_PPM = {1_500_000, 1_200_000, 1_050_000};
    /** Health above a threshold by this much (ppm, 0.05) re-arms it. */
    public static final long HYSTERESIS_PPM = 50_000;
    /** Every threshold armed. */
    public static final int ALL_ARMED = (1 << THRESHOLDS_PPM.length) - 1;
    /** Health of a subaccount without requirement, ppm. */
    public static final long UNBOUNDED_PPM = Long.MAX_VALUE;

    private static final long PPM = 1_000_000;

    private WarningLevels()
    {
    }

    /**
     * Number of thresholds.
     *
     * @return count.
     */
    public static int count()
    {
        return THRESHOLDS_PPM.length;
    }

    /**
     * A threshold.
     *
     * @param level from 0 (the highest) to {@link #count()} - 1.
     * @return ppm.
     */
    public static long thresholdPpm(final int level)
    {
        return THRESHOLDS_PPM[level];
    }

    /**
     * Health in ppm, rounded down, clamped to the range of a long.
     *
     * @param netCollateral          maintenance net collateral, quote quantums.
     * @param maintenanceRequirement maintenance requirement, quote quantums, above zero.
     * @return ppm.
     */
    public static long healthPpm(final long netCollateral, final long maintenanceRequirement)
    {
        // Truncated, then one less where the collateral is negative and the quotient inexact: the floor, for the
        // requirement above zero it is defined for. The second product is taken only for negative collateral.
        final long truncated = FixedPoint.mulDivSaturating(netCollateral, PPM, maintenanceRequirement,
            Rounding.TOWARD_ZERO);
        final long q = netCollateral < 0 && truncated != Long.MIN_VALUE && truncated !=
            FixedPoint.mulDivSaturating(netCollateral, PPM, maintenanceRequirement, Rounding.AWAY_FROM_ZERO) ?
            truncated - 1 : truncated;
        return bitLength(q) < 63 ? q : q < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * The quote amount {@code ppm * requirement / 1e6}, rounded as asked.
     *
     * @param ppm                    a ratio, ppm.
     * @param maintenanceRequirement quote quantums.
     * @param up                     round up, else down.
     * @return quote quantums, clamped to the range of a long.
     */
    public static long scaled(final long ppm, final long maintenanceRequirement, final boolean up)
    {
        // Up is the ceiling; down truncates (the floor for the positive amounts it is used with).
        final long q = FixedPoint.mulDivSaturating(ppm, maintenanceRequirement, PPM,
            up ? Rounding.UP : Rounding.TOWARD_ZERO);
        return bitLength(q) < 63 ? q : Long.MAX_VALUE;
    }

    /** {@code BigInteger.bitLength()} of a long: bits of its two's complement form, sign bit excluded. */
    private static int bitLength(final long value)
    {
        return Long.SIZE - Long.numberOfLeadingZeros(value < 0 ? ~value : value);
    }
}
