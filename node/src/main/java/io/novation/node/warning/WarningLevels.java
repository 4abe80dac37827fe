package io.novation.node.warning;

import java.math.BigInteger;

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
    private static final BigInteger MILLION = BigInteger.valueOf(PPM);

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
        final long product = netCollateral * PPM;
        if (Math.multiplyHigh(netCollateral, PPM) == product >> 63 && maintenanceRequirement != -1)
        {
            // The product fits a long: the same quotient and remainder as the BigInteger path, without allocating.
            long q = product / maintenanceRequirement;
            if (product % maintenanceRequirement < 0)
            {
                q--;
            }
            return bitLength(q) < 63 ? q : q < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        final BigInteger[] qr = BigInteger.valueOf(netCollateral).multiply(MILLION)
            .divideAndRemainder(BigInteger.valueOf(maintenanceRequirement));
        BigInteger q = qr[0];
        if (qr[1].signum() < 0)
        {
            q = q.subtract(BigInteger.ONE);
        }
        return q.bitLength() < 63 ? q.longValue() : q.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
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
        final long product = ppm * maintenanceRequirement;
        if (Math.multiplyHigh(ppm, maintenanceRequirement) == product >> 63)
        {
            // The product fits a long: the same quotient and remainder as the BigInteger path, without allocating.
            long q = product / PPM;
            if (up && product % PPM > 0)
            {
                q++;
            }
            return bitLength(q) < 63 ? q : Long.MAX_VALUE;
        }
        final BigInteger[] qr = BigInteger.valueOf(ppm).multiply(BigInteger.valueOf(maintenanceRequirement))
            .divideAndRemainder(MILLION);
        BigInteger q = qr[0];
        if (up && qr[1].signum() > 0)
        {
            q = q.add(BigInteger.ONE);
        }
        return q.bitLength() < 63 ? q.longValue() : Long.MAX_VALUE;
    }

    /** {@link BigInteger#bitLength()} of a long: bits of its two's complement form, sign bit excluded. */
    private static int bitLength(final long value)
    {
        return Long.SIZE - Long.numberOfLeadingZeros(value < 0 ? ~value : value);
    }
}
