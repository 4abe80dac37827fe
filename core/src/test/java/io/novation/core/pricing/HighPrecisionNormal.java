package io.novation.core.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A slow, independent reference for the standard normal distribution in {@link BigDecimal} arithmetic, for tests:
 * the Maclaurin series Φ(x) = ½ + φ(x)·Σ x^{2n+1}/(1·3···(2n+1)) for |x| ≤ 5, and Laplace's continued fraction
 * Φ(−y) = φ(y)/(y + 1/(y + 2/(y + 3/(y + ...)))) evaluated backwards from a fixed depth for y &gt; 5, both to about 60
 * significant digits.
 */
final class HighPrecisionNormal
{
    private static final MathContext CONTEXT = new MathContext(90, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal SERIES_EPSILON = new BigDecimal("1e-85");
    private static final BigDecimal INVERSE_SQRT_TWO_PI =
        BigDecimal.ONE.divide(pi().multiply(TWO, CONTEXT).sqrt(CONTEXT), CONTEXT);
    private static final int CONTINUED_FRACTION_DEPTH = 4000;

    private HighPrecisionNormal()
    {
    }

    /**
     * Φ(x).
     *
     * @param x finite argument.
     * @return Φ(x) to about 60 significant digits.
     */
    static BigDecimal cdf(final double x)
    {
        final BigDecimal value = new BigDecimal(x);
        if (x > 0.0)
        {
            return BigDecimal.ONE.subtract(cdf(-x), CONTEXT);
        }
        if (x >= -5.0)
        {
            final BigDecimal square = value.multiply(value, CONTEXT);
            BigDecimal term = value;
            BigDecimal sum = value;
            for (int n = 1; term.abs().compareTo(SERIES_EPSILON) > 0; n++)
            {
                term = term.multiply(square, CONTEXT).divide(BigDecimal.valueOf(2L * n + 1), CONTEXT);
                sum = sum.add(term, CONTEXT);
            }
            return HALF.add(density(value).multiply(sum, CONTEXT), CONTEXT);
        }

        final BigDecimal y = value.negate();
        BigDecimal fraction = y;
        for (int n = CONTINUED_FRACTION_DEPTH; n >= 1; n--)
        {
            fraction = y.add(BigDecimal.valueOf(n).divide(fraction, CONTEXT), CONTEXT);
        }
        return density(y).divide(fraction, CONTEXT);
    }

    /**
     * φ(x) = exp(−x²/2)/√(2π).
     */
    private static BigDecimal density(final BigDecimal x)
    {
        final BigDecimal halfSquare = x.multiply(x, CONTEXT).multiply(HALF, CONTEXT);
        return INVERSE_SQRT_TWO_PI.divide(exp(halfSquare), CONTEXT);
    }

    /**
     * exp(y) for y ≥ 0: the Taylor series of exp(y/2^20), squared 20 times.
     */
    private static BigDecimal exp(final BigDecimal y)
    {
        final int halvings = 20;
        final BigDecimal reduced = y.divide(BigDecimal.valueOf(1L << halvings), CONTEXT);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; term.compareTo(SERIES_EPSILON) > 0; n++)
        {
            term = term.multiply(reduced, CONTEXT).divide(BigDecimal.valueOf(n), CONTEXT);
            sum = sum.add(term, CONTEXT);
        }
        for (int i = 0; i < halvings; i++)
        {
            sum = sum.multiply(sum, CONTEXT);
        }
        return sum;
    }

    /**
     * π by Machin's formula, 16·atan(1/5) − 4·atan(1/239).
     */
    private static BigDecimal pi()
    {
        return arctanOfInverse(5).multiply(BigDecimal.valueOf(16), CONTEXT)
            .subtract(arctanOfInverse(239).multiply(BigDecimal.valueOf(4), CONTEXT), CONTEXT);
    }

    private static BigDecimal arctanOfInverse(final int n)
    {
        final BigDecimal inverse = BigDecimal.ONE.divide(BigDecimal.valueOf(n), CONTEXT);
        final BigDecimal inverseSquare = inverse.multiply(inverse, CONTEXT);
        BigDecimal power = inverse;
        BigDecimal sum = inverse;
        for (int k = 1; power.compareTo(SERIES_EPSILON) > 0; k++)
        {
            power = power.multiply(inverseSquare, CONTEXT);
            final BigDecimal term = power.divide(BigDecimal.valueOf(2L * k + 1), CONTEXT);
            sum = (k % 2 == 1) ? sum.subtract(term, CONTEXT) : sum.add(term, CONTEXT);
        }
        return sum;
    }
}
