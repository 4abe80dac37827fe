package io.novation.core.money;

/**
 * Exact fixed-point arithmetic on signed 64-bit integer amounts (quantums, ppm, price values), where every
 * division names its {@link Rounding} and every overflow throws {@link ArithmeticException}.
 * <p>
 * Products that do not fit a {@code long} are carried as 128-bit intermediates built with
 * {@link Math#multiplyHigh(long, long)} and divided by an allocation-free 128-by-64-bit long division, so no
 * method here allocates unless it throws or returns text.
 */
public final class FixedPoint
{
    /**
     * Parts per million: the denominator of every {@code ...Ppm} fraction (1,000,000 ppm = 100 %).
     */
    public static final long PPM = 1_000_000L;

    /**
     * Largest {@code n} for which {@code 10^n} fits a {@code long}.
     */
    public static final int MAX_POW10_EXPONENT = 18;

    /**
     * Largest number of decimal places {@link #parseDecimal(String, int)} and {@link #formatDecimal(long, int)}
     * accept.
     */
    public static final int MAX_DECIMALS = MAX_POW10_EXPONENT;

    static final long[] POWERS_OF_TEN =
    {
        1L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L,
        10_000_000_000_000_000L,
        100_000_000_000_000_000L,
        1_000_000_000_000_000_000L,
    };

    /**
     * floor(sqrt(Long.MAX_VALUE)): the largest root whose square fits a {@code long}.
     */
    private static final long MAX_SQUARE_ROOT = 3_037_000_499L;

    private FixedPoint()
    {
    }

    /**
     * Computes {@code a * b / c} exactly, with a 128-bit intermediate product, rounded as asked.
     *
     * @param a        first factor.
     * @param b        second factor.
     * @param c        divisor.
     * @param rounding direction for an inexact quotient.
     * @return the rounded quotient.
     * @throws ArithmeticException if {@code c == 0} or the rounded quotient does not fit a {@code long}.
     */
    public static long mulDiv(final long a, final long b, final long c, final Rounding rounding)
    {
        return mulDiv(a, b, c, rounding, false);
    }

    /**
     * {@link #mulDiv}, saturating: a rounded quotient beyond a {@code long} gives {@code Long.MIN_VALUE} or
     * {@code Long.MAX_VALUE} by its sign instead of throwing, so that a caller which clamps allocates nothing there.
     *
     * @param a        first factor.
     * @param b        second factor.
     * @param c        divisor.
     * @param rounding direction for an inexact quotient.
     * @return the rounded quotient, or the bound of its sign.
     * @throws ArithmeticException if {@code c == 0}.
     */
    public static long mulDivSaturating(final long a, final long b, final long c, final Rounding rounding)
    {
        return mulDiv(a, b, c, rounding, true);
    }

    private static long mulDiv(final long a, final long b, final long c, final Rounding rounding,
        final boolean saturate)
    {
        if (c == 0)
        {
            throw new ArithmeticException("mulDiv: division by zero");
        }

        final long productLow = a * b;
        final long productHigh = Math.multiplyHigh(a, b);
        if (productHigh == (productLow >> 63))
        {
            return saturate && productLow == Long.MIN_VALUE && c == -1 ? Long.MAX_VALUE :
                divide(productLow, c, rounding);
        }

        // The product needs more than 64 bits, so it is non-zero and its sign is the sign of the high word.
        final boolean productNegative = productHigh < 0;
        final boolean negative = productNegative != (c < 0);
        final long magnitudeLow = productNegative ? -productLow : productLow;
        final long magnitudeHigh = productNegative ? Int128.negateHigh(productHigh, productLow) : productHigh;
        final long divisorMagnitude = c < 0 ? -c : c; // unsigned; Long.MIN_VALUE stands for 2^63

        if (Long.compareUnsigned(magnitudeHigh, divisorMagnitude) >= 0)
        {
            if (saturate)
            {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            throw overflow("mulDiv", a, b, c);
        }

        final long quotient = Int128.divideUnsigned128(magnitudeHigh, magnitudeLow, divisorMagnitude);
        final boolean inexact = magnitudeLow - quotient * divisorMagnitude != 0;

        return saturate ? Int128.saturatedQuotient(quotient, inexact, negative, rounding) :
            Int128.signedQuotient(quotient, inexact, negative, rounding, "mulDiv");
    }

    /**
     * Computes {@code amount * ppm / 1,000,000} exactly, rounded as asked.
     *
     * @param amount   amount, in any unit.
     * @param ppm      fraction in parts per million.
     * @param rounding direction for an inexact result.
     * @return the fraction of the amount, in the amount's unit.
     * @throws ArithmeticException if the result does not fit a {@code long}.
     */
    public static long mulPpm(final long amount, final long ppm, final Rounding rounding)
    {
        final long product = amount * ppm;
        if (Math.multiplyHigh(amount, ppm) == (product >> 63))
        {
            // A product that fits divides by the constant directly, which the compiler turns into a multiplication.
            return divide(product, PPM, rounding);
        }
        return mulDiv(amount, ppm, PPM, rounding);
    }

    /** {@code a * b / 10^digits} for digits in [1, 18]: the common case without a hardware divide. */
    private static long mulDivByPowerOfTen(final long a, final long b, final int digits, final Rounding rounding)
    {
        final long productLow = a * b;
        if (Math.multiplyHigh(a, b) == (productLow >> 63))
        {
            return divideByPowerOfTen(productLow, digits, rounding);
        }
        return mulDiv(a, b, POWERS_OF_TEN[digits], rounding);
    }

    /**
     * Computes {@code value / 10^digits} rounded as asked, with a multiplication by a reciprocal instead of a
     * divide ({@link PowerOfTenDivision}); the same result as {@link #divide(long, long, Rounding)}.
     *
     * @param value    dividend.
     * @param digits   power of ten, in [1, 18].
     * @param rounding direction for an inexact quotient.
     * @return the rounded quotient.
     */
    public static long divideByPowerOfTen(final long value, final int digits, final Rounding rounding)
    {
        final boolean negative = value < 0;
        final long magnitude = negative ? -value : value; // unsigned; Long.MIN_VALUE stands for 2^63
        final long quotient = PowerOfTenDivision.divideUnsigned(magnitude, digits);
        final boolean inexact = magnitude - quotient * POWERS_OF_TEN[digits] != 0;
        return Int128.signedQuotient(quotient, inexact, negative, rounding, "divide");
    }

    /**
     * Computes {@code a / b} rounded as asked.
     *
     * @param a        dividend.
     * @param b        divisor.
     * @param rounding direction for an inexact quotient.
     * @return the rounded quotient.
     * @throws ArithmeticException if {@code b == 0} or the quotient ({@code Long.MIN_VALUE / -1}) overflows.
     */
    public static long divide(final long a, final long b, final Rounding rounding)
    {
        if (b == 0)
        {
            throw new ArithmeticException("divide: division by zero");
        }
        if (a == Long.MIN_VALUE && b == -1)
        {
            throw new ArithmeticException("divide: " + a + " / " + b + " does not fit a long");
        }

        final long quotient = a / b;
        if (a - quotient * b == 0)
        {
            return quotient;
        }

        final boolean negative = (a ^ b) < 0;
        if (!rounding.incrementsMagnitude(negative))
        {
            return quotient;
        }

        return negative ? quotient - 1 : quotient + 1;
    }

    /**
     * Returns {@code 10^n}.
     *
     * @param n exponent, in {@code [0, 18]}.
     * @return ten to the power {@code n}.
     * @throws ArithmeticException if {@code n} is negative or {@code 10^n} does not fit a {@code long}.
     */
    public static long pow10(final int n)
    {
        if (n < 0 || n > MAX_POW10_EXPONENT)
        {
            throw new ArithmeticException("10^" + n + " is not a long (exponent must be in [0, 18])");
        }

        return POWERS_OF_TEN[n];
    }

    /**
     * Computes {@code value * 10^exponent}: a multiplication for a non-negative exponent, a division rounded as
     * asked for a negative one.
     *
     * @param value    value to scale.
     * @param exponent power of ten, any {@code int}.
     * @param rounding direction for an inexact result (only used when {@code exponent < 0}).
     * @return the scaled value.
     * @throws ArithmeticException if the result does not fit a {@code long}.
     */
    public static long scaleByPow10(final long value, final int exponent, final Rounding rounding)
    {
        if (exponent >= 0)
        {
            if (value == 0)
            {
                return 0;
            }
            if (exponent > MAX_POW10_EXPONENT)
            {
                throw new ArithmeticException(value + " * 10^" + exponent + " does not fit a long");
            }

            final long factor = POWERS_OF_TEN[exponent];
            final long high = Math.multiplyHigh(value, factor);
            final long low = value * factor;
            if (high != (low >> 63))
            {
                throw new ArithmeticException(value + " * 10^" + exponent + " does not fit a long");
            }

            return low;
        }

        if (exponent >= -MAX_POW10_EXPONENT)
        {
            return divideByPowerOfTen(value, -exponent, rounding);
        }

        // 10^19 and beyond exceed every |value|, so the truncated quotient is zero.
        return roundBelowOne(value, rounding);
    }

    /**
     * {@code a * b * 10^exponent} rounded up, given the same value rounded down: one comparison instead of a second
     * division when the product fits a long, which it does for any position a subaccount can carry.
     *
     * @param a        first factor, not negative.
     * @param b        second factor, not negative.
     * @param exponent power of ten, any {@code int}.
     * @param floor    {@code mulScaleByPow10(a, b, exponent, Rounding.DOWN)}.
     * @return {@code mulScaleByPow10(a, b, exponent, Rounding.UP)}.
     */
    public static long mulScaleByPow10Ceiling(final long a, final long b, final int exponent, final long floor)
    {
        if (a >= 0 && b >= 0)
        {
            if (exponent >= 0)
            {
                return floor;
            }
            if (exponent >= -MAX_POW10_EXPONENT)
            {
                final long product = a * b;
                if (Math.multiplyHigh(a, b) == 0 && product >= 0)
                {
                    return floor * POWERS_OF_TEN[-exponent] == product ? floor : floor + 1;
                }
            }
        }
        return mulScaleByPow10(a, b, exponent, Rounding.UP);
    }

    /**
     * Computes {@code a * b * 10^exponent} exactly, with a 128-bit intermediate product, rounded as asked.
     * This is the shape of a base-to-quote conversion: quantity times price value times a power of ten.
     *
     * @param a        first factor.
     * @param b        second factor.
     * @param exponent power of ten, any {@code int}.
     * @param rounding direction for an inexact result (only used when {@code exponent < 0}).
     * @return the rounded result.
     * @throws ArithmeticException if the result does not fit a {@code long}.
     */
    public static long mulScaleByPow10(final long a, final long b, final int exponent, final Rounding rounding)
    {
        if (exponent >= 0)
        {
            final long high = Math.multiplyHigh(a, b);
            final long low = a * b;
            if (high != (low >> 63))
            {
                throw new ArithmeticException(a + " * " + b + " * 10^" + exponent + " does not fit a long");
            }

            return scaleByPow10(low, exponent, rounding);
        }

        if (exponent >= -MAX_POW10_EXPONENT)
        {
            return mulDivByPowerOfTen(a, b, -exponent, rounding);
        }

        final long productLow = a * b;
        final long productHigh = Math.multiplyHigh(a, b);
        if (productLow == 0 && productHigh == 0)
        {
            return 0;
        }

        final boolean negative = productHigh < 0;
        long magnitudeLow = negative ? -productLow : productLow;
        long magnitudeHigh = negative ? Int128.negateHigh(productHigh, productLow) : productHigh;
        boolean inexact = false;
        long remainingDigits = -(long)exponent;

        // Truncating divisions compose: trunc(trunc(x / p) / q) == trunc(x / (p * q)) for x >= 0.
        while (remainingDigits > 0 && (magnitudeHigh != 0 || magnitudeLow != 0))
        {
            final int digits = (int)Math.min(remainingDigits, MAX_POW10_EXPONENT);
            final long divisor = POWERS_OF_TEN[digits];
            final long quotientHigh = Long.divideUnsigned(magnitudeHigh, divisor);
            final long remainderHigh = Long.remainderUnsigned(magnitudeHigh, divisor);
            final long quotientLow = Int128.divideUnsigned128(remainderHigh, magnitudeLow, divisor);
            if (magnitudeLow - quotientLow * divisor != 0)
            {
                inexact = true;
            }

            magnitudeHigh = quotientHigh;
            magnitudeLow = quotientLow;
            remainingDigits -= digits;
        }

        if (magnitudeHigh != 0)
        {
            throw new ArithmeticException(a + " * " + b + " * 10^" + exponent + " does not fit a long");
        }

        return Int128.signedQuotient(magnitudeLow, inexact, negative, rounding, "mulScaleByPow10");
    }

    /**
     * Compares the exact products {@code a * b} and {@code c * d} without overflow, as a cross-multiplied
     * comparison of the ratios {@code a / d} and {@code c / b} does.
     *
     * @param a first factor of the left product.
     * @param b second factor of the left product.
     * @param c first factor of the right product.
     * @param d second factor of the right product.
     * @return -1, 0 or 1 as {@code a * b} is less than, equal to or greater than {@code c * d}.
     */
    public static int compareProducts(final long a, final long b, final long c, final long d)
    {
        final long leftHigh = Math.multiplyHigh(a, b);
        final long rightHigh = Math.multiplyHigh(c, d);
        if (leftHigh != rightHigh)
        {
            return leftHigh < rightHigh ? -1 : 1;
        }

        return Integer.signum(Long.compareUnsigned(a * b, c * d));
    }

    /**
     * Returns {@code floor(sqrt(value))} exactly.
     *
     * @param value non-negative radicand.
     * @return the largest {@code r} with {@code r * r <= value}.
     * @throws IllegalArgumentException if {@code value} is negative.
     */
    public static long sqrtFloor(final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("square root of a negative number: " + value);
        }

        // The square root is correctly rounded (IEEE 754), hence deterministic; the loops correct the double's error.
        long root = Math.min((long)StrictMath.sqrt((double)value), MAX_SQUARE_ROOT);
        while (root * root > value)
        {
            root--;
        }
        while (root < MAX_SQUARE_ROOT && (root + 1) * (root + 1) <= value)
        {
            root++;
        }

        return root;
    }

    /**
     * Returns {@code ceil(sqrt(value))} exactly.
     *
     * @param value non-negative radicand.
     * @return the smallest {@code r} with {@code r * r >= value}.
     * @throws IllegalArgumentException if {@code value} is negative.
     */
    public static long sqrtCeil(final long value)
    {
        final long root = sqrtFloor(value);
        return root * root == value ? root : root + 1;
    }

    /**
     * Parses a decimal number in human units into quantums with the given number of decimal places: for example
     * {@code parseDecimal("1234.5", 6) == 1_234_500_000}.
     * <p>
     * The accepted form is an optional leading {@code '-'}, one or more ASCII digits, and optionally a
     * {@code '.'} followed by one to {@code decimals} digits. Anything else is rejected: a {@code '+'},
     * spaces, exponents, a bare or trailing point, or more fractional digits than {@code decimals} (the value
     * would not be a whole number of quantums).
     *
     * @param text     decimal text.
     * @param decimals number of decimal places of one unit, in {@code [0, 18]}.
     * @return the amount in quantums of {@code 10^-decimals} units.
     * @throws IllegalArgumentException if the text is not of the accepted form or {@code decimals} is out of
     *                                  range.
     * @throws ArithmeticException      if the amount does not fit a {@code long}.
     */
    public static long parseDecimal(final String text, final int decimals)
    {
        return DecimalText.parse(text, decimals);
    }

    /**
     * Formats quantums as a decimal number in human units, the inverse of {@link #parseDecimal(String, int)},
     * with trailing fractional zeros trimmed: {@code "1234.5"}, {@code "-0.000001"}, {@code "0"}.
     *
     * @param quantums amount in quantums of {@code 10^-decimals} units.
     * @param decimals number of decimal places of one unit, in {@code [0, 18]}.
     * @return the decimal text.
     * @throws IllegalArgumentException if {@code decimals} is out of range.
     */
    public static String formatDecimal(final long quantums, final int decimals)
    {
        return DecimalText.format(quantums, decimals);
    }

    private static long roundBelowOne(final long value, final Rounding rounding)
    {
        if (value == 0)
        {
            return 0;
        }

        final boolean negative = value < 0;
        if (!rounding.incrementsMagnitude(negative))
        {
            return 0;
        }

        return negative ? -1 : 1;
    }

    private static ArithmeticException overflow(final String operation, final long a, final long b, final long c)
    {
        return new ArithmeticException(operation + ": " + a + " * " + b + " / " + c + " does not fit a long");
    }
}
