package io.novation.node.warning;

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
        final long product = netCollateral * PPM;
        if (Math.multiplyHigh(netCollateral, PPM) == product >> 63 && maintenanceRequirement != -1)
        {
            // The product fits a long: the quotient truncated, then floored by the remainder's sign.
            long q = product / maintenanceRequirement;
            if (product % maintenanceRequirement < 0)
            {
                q--;
            }
            return bitLength(q) < 63 ? q : q < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        // The product needs 128 bits: its magnitude divided by the requirement's, then signed and floored as above.
        final boolean negativeProduct = netCollateral < 0;
        final long magnitude = negativeProduct ? -netCollateral : netCollateral;
        final long divisor = maintenanceRequirement < 0 ? -maintenanceRequirement : maintenanceRequirement;
        final long high = unsignedMultiplyHigh(magnitude, PPM);
        final long low = magnitude * PPM;
        final long quotient = unsignedQuotient(high, low, divisor);
        final boolean negativeQuotient = negativeProduct != maintenanceRequirement < 0;
        if (quotient < 0)
        {
            return negativeQuotient ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long q = negativeQuotient ? -quotient : quotient;
        if (negativeProduct && !divides(high, low, quotient, divisor))
        {
            q--;
        }
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
        final long product = ppm * maintenanceRequirement;
        if (Math.multiplyHigh(ppm, maintenanceRequirement) == product >> 63)
        {
            // The product fits a long: the quotient truncated, then raised by a positive remainder when asked.
            long q = product / PPM;
            if (up && product % PPM > 0)
            {
                q++;
            }
            return bitLength(q) < 63 ? q : Long.MAX_VALUE;
        }
        // The product needs 128 bits: its magnitude divided by a million, then signed and rounded as above.
        final boolean negative = ppm < 0 != maintenanceRequirement < 0;
        final long a = ppm < 0 ? -ppm : ppm;
        final long b = maintenanceRequirement < 0 ? -maintenanceRequirement : maintenanceRequirement;
        final long high = unsignedMultiplyHigh(a, b);
        final long low = a * b;
        final long quotient = unsignedQuotient(high, low, PPM);
        if (quotient < 0)
        {
            return Long.MAX_VALUE;
        }
        long q = negative ? -quotient : quotient;
        if (up && !negative && !divides(high, low, quotient, PPM))
        {
            q++;
        }
        return bitLength(q) < 63 ? q : Long.MAX_VALUE;
    }

    /**
     * The quotient of the unsigned 128-bit value {@code high:low} by an unsigned divisor of at most 2^63, rounded
     * down, by binary long division over the low word.
     *
     * @return the quotient when it is below 2^63, else -1.
     */
    private static long unsignedQuotient(final long high, final long low, final long divisor)
    {
        if (Long.compareUnsigned(high, divisor) >= 0)
        {
            return -1;
        }
        long remainder = high;
        long quotient = 0;
        for (int bit = Long.SIZE - 1; bit >= 0; bit--)
        {
            // remainder < divisor <= 2^63, so doubling it keeps every bit in an unsigned long.
            final long shifted = remainder << 1 | (low >>> bit) & 1;
            quotient <<= 1;
            if (Long.compareUnsigned(shifted, divisor) >= 0)
            {
                remainder = shifted - divisor;
                quotient |= 1;
            }
            else
            {
                remainder = shifted;
            }
        }
        return quotient < 0 ? -1 : quotient;
    }

    /** Whether {@code quotient * divisor}, unsigned, is exactly {@code high:low}. */
    private static boolean divides(final long high, final long low, final long quotient, final long divisor)
    {
        return quotient * divisor == low && unsignedMultiplyHigh(quotient, divisor) == high;
    }

    /** The high 64 bits of the unsigned 128-bit product of two unsigned longs. */
    private static long unsignedMultiplyHigh(final long a, final long b)
    {
        return Math.multiplyHigh(a, b) + (a >> 63 & b) + (b >> 63 & a);
    }

    /** {@code BigInteger.bitLength()} of a long: bits of its two's complement form, sign bit excluded. */
    private static int bitLength(final long value)
    {
        return Long.SIZE - Long.numberOfLeadingZeros(value < 0 ? ~value : value);
    }
}
