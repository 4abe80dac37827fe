package io.novation.core.money;

/**
 * Signed and unsigned 128-bit intermediates held as {@code (high, low)} pairs of longs, and their allocation-free
 * 128-by-64-bit division: the wide side of {@link FixedPoint}'s exact products and quotients.
 */
final class Int128
{
    private static final long LOW_32_BITS = 0xFFFF_FFFFL;
    private static final long TWO_TO_32 = 1L << 32;

    private Int128()
    {
    }

    /**
     * High word of the 128-bit two's complement negation of {@code (high, low)}.
     */
    static long negateHigh(final long high, final long low)
    {
        return low == 0 ? -high : ~high;
    }

    /**
     * Applies the rounding and the sign to an unsigned truncated quotient magnitude.
     */
    static long signedQuotient(
        final long truncatedMagnitude,
        final boolean inexact,
        final boolean negative,
        final Rounding rounding,
        final String operation)
    {
        long magnitude = truncatedMagnitude;
        if (inexact && rounding.incrementsMagnitude(negative))
        {
            magnitude++;
            if (magnitude == 0)
            {
                throw new ArithmeticException(operation + ": result does not fit a long");
            }
        }

        if (negative)
        {
            if (Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0)
            {
                throw new ArithmeticException(operation + ": result does not fit a long");
            }

            return -magnitude;
        }

        if (magnitude < 0)
        {
            throw new ArithmeticException(operation + ": result does not fit a long");
        }

        return magnitude;
    }

    /**
     * {@link #signedQuotient}, but a result beyond a long gives {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE} by
     * its sign instead of throwing.
     */
    static long saturatedQuotient(final long truncatedMagnitude, final boolean inexact, final boolean negative,
        final Rounding rounding)
    {
        final long bound = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        long magnitude = truncatedMagnitude;
        if (inexact && rounding.incrementsMagnitude(negative))
        {
            magnitude++;
            if (magnitude == 0)
            {
                return bound;
            }
        }
        if (negative)
        {
            return Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0 ? bound : -magnitude;
        }
        return magnitude < 0 ? bound : magnitude;
    }

    /**
     * Unsigned 128-by-64-bit long division (Knuth's algorithm D with two 32-bit digits, as in Hacker's Delight
     * {@code divlu}): returns {@code floor((high * 2^64 + low) / divisor)} for unsigned operands.
     * Requires {@code high < divisor} (unsigned), which makes the quotient fit 64 bits.
     */
    static long divideUnsigned128(final long high, final long low, final long divisor)
    {
        final int shift = Long.numberOfLeadingZeros(divisor);
        final long normalizedDivisor = divisor << shift;
        final long divisorHigh = normalizedDivisor >>> 32;
        final long divisorLow = normalizedDivisor & LOW_32_BITS;

        final long dividendHigh = shift == 0 ? high : (high << shift) | (low >>> (64 - shift));
        final long dividendLow = low << shift;
        final long dividendLowHigh = dividendLow >>> 32;
        final long dividendLowLow = dividendLow & LOW_32_BITS;

        long quotientHigh = Long.divideUnsigned(dividendHigh, divisorHigh);
        long partialRemainder = dividendHigh - quotientHigh * divisorHigh;
        while (Long.compareUnsigned(quotientHigh, TWO_TO_32) >= 0 ||
            Long.compareUnsigned(quotientHigh * divisorLow, (partialRemainder << 32) | dividendLowHigh) > 0)
        {
            quotientHigh--;
            partialRemainder += divisorHigh;
            if (Long.compareUnsigned(partialRemainder, TWO_TO_32) >= 0)
            {
                break;
            }
        }

        final long middle = (dividendHigh << 32) + dividendLowHigh - quotientHigh * normalizedDivisor;

        long quotientLow = Long.divideUnsigned(middle, divisorHigh);
        partialRemainder = middle - quotientLow * divisorHigh;
        while (Long.compareUnsigned(quotientLow, TWO_TO_32) >= 0 ||
            Long.compareUnsigned(quotientLow * divisorLow, (partialRemainder << 32) | dividendLowLow) > 0)
        {
            quotientLow--;
            partialRemainder += divisorHigh;
            if (Long.compareUnsigned(partialRemainder, TWO_TO_32) >= 0)
            {
                break;
            }
        }

        return (quotientHigh << 32) | quotientLow;
    }
}
