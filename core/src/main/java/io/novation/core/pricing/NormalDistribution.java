package io.novation.core.pricing;

/**
 * The standard normal distribution (mean 0, standard deviation 1): its density φ(x) and its cumulative
 * distribution function Φ(x), dimensionless, computed with {@link StrictMath} only.
 * <p>
 * Φ is W. J. Cody's rational Chebyshev approximation ("Rational Chebyshev approximations for the error function",
 * Mathematics of Computation 23, 1969; the {@code ANORM} routine of ACM TOMS Algorithm 715, 1993, which R's
 * {@code pnorm} also runs), in three ranges: |x| ≤ 0.67448975, |x| ≤ √32 and beyond, where the Gaussian factor is
 * evaluated as exp(−x₀²/2)·exp(−(x − x₀)(x + x₀)/2) with x₀ = trunc(16x)/16, so that the far tail keeps its
 * relative accuracy. The result is accurate to a few units in the last place of a double (relative error below
 * about 1e-15) over the whole range where Φ(x) is a normal double, x &gt; −37.5193; below that Φ is 0 and at or
 * above 8.2924 it rounds to 1. Because Φ(−x) is computed directly rather than as 1 − Φ(x), small tail
 * probabilities keep their relative accuracy.
 */
public final class NormalDistribution
{
    /**
     * 1/√(2π).
     */
    public static final double INVERSE_SQRT_TWO_PI = 0.398942280401432677939946059934;

    private static final double SMALL_RANGE_LIMIT = 0.67448975;
    private static final double MIDDLE_RANGE_LIMIT = 5.656854249492380195206754896838; // √32
    private static final double LOWER_CUTOFF = -37.5193;
    private static final double UPPER_CUTOFF = 8.2924;
    private static final double TINY = 1.1102230246251565e-16; // 2^-53: below it, Φ(x) = 0.5 + x·φ(0) exactly
    private static final double SIXTEEN = 16.0;

    private static final double[] A =
    {
        2.2352520354606839287,
        161.02823106855587881,
        1067.6894854603709582,
        18154.981253343561249,
        0.065682337918207449113,
    };

    private static final double[] B =
    {
        47.20258190468824187,
        976.09855173777669322,
        10260.932208618978205,
        45507.789335026729956,
    };

    private static final double[] C =
    {
        0.39894151208813466764,
        8.8831497943883759412,
        93.506656132177855979,
        597.27027639480026226,
        2494.5375852903726711,
        6848.1904505362823326,
        11602.651437647350124,
        9842.7148383839780218,
        1.0765576773720192317e-8,
    };

    private static final double[] D =
    {
        22.266688044328115691,
        235.38790178262499861,
        1519.377599407554805,
        6485.558298266760755,
        18615.571640885098091,
        34900.952721145977266,
        38912.003286093271411,
        19685.429676859990727,
    };

    private static final double[] P =
    {
        0.21589853405795699,
        0.1274011611602473639,
        0.022235277870649807,
        0.001421619193227893466,
        2.9112874951168792e-5,
        0.02307344176494017303,
    };

    private static final double[] Q =
    {
        1.28426009614491121,
        0.468238212480865118,
        0.0659881378689285515,
        0.00378239633202758244,
        7.29751555083966205e-5,
    };

    private NormalDistribution()
    {
    }

    /**
     * The density φ(x) = exp(−x²/2)/√(2π), with the exponent split as in {@link #cdf(double)} so that it keeps
     * its relative accuracy in the tails.
     *
     * @param x any double.
     * @return φ(x), 0 for infinite x, NaN for NaN.
     */
    public static double density(final double x)
    {
        return INVERSE_SQRT_TWO_PI * gaussianFactor(Math.abs(x));
    }

    /**
     * The cumulative distribution function Φ(x) = P[X ≤ x] for a standard normal X.
     *
     * @param x any double.
     * @return Φ(x) in [0, 1]; NaN for NaN.
     */
    public static double cdf(final double x)
    {
        if (Double.isNaN(x))
        {
            return Double.NaN;
        }

        final double y = Math.abs(x);
        if (y <= SMALL_RANGE_LIMIT)
        {
            double numerator = 0.0;
            double denominator = 0.0;
            if (y > TINY)
            {
                final double square = x * x;
                numerator = A[4] * square;
                denominator = square;
                for (int i = 0; i < 3; i++)
                {
                    numerator = (numerator + A[i]) * square;
                    denominator = (denominator + B[i]) * square;
                }
            }

            return 0.5 + x * (numerator + A[3]) / (denominator + B[3]);
        }

        final double upperTail;
        if (y <= MIDDLE_RANGE_LIMIT)
        {
            double numerator = C[8] * y;
            double denominator = y;
            for (int i = 0; i < 7; i++)
            {
                numerator = (numerator + C[i]) * y;
                denominator = (denominator + D[i]) * y;
            }

            upperTail = gaussianFactor(y) * (numerator + C[7]) / (denominator + D[7]);
        }
        else if (x > LOWER_CUTOFF && x < UPPER_CUTOFF)
        {
            final double inverseSquare = 1.0 / (x * x);
            double numerator = P[5] * inverseSquare;
            double denominator = inverseSquare;
            for (int i = 0; i < 4; i++)
            {
                numerator = (numerator + P[i]) * inverseSquare;
                denominator = (denominator + Q[i]) * inverseSquare;
            }

            final double correction = inverseSquare * (numerator + P[4]) / (denominator + Q[4]);
            upperTail = gaussianFactor(y) * (INVERSE_SQRT_TWO_PI - correction) / y;
        }
        else
        {
            return x > 0.0 ? 1.0 : 0.0;
        }

        // upperTail is P[X > |x|]; Φ(x) is that for negative x and its complement for positive x.
        return x > 0.0 ? 1.0 - upperTail : upperTail;
    }

    /**
     * exp(−y²/2), split as exp(−y₀²/2)·exp(−(y − y₀)(y + y₀)/2) with y₀ = trunc(16y)/16 so that the large
     * exponent is exact and the far tail keeps its relative accuracy (Cody).
     */
    private static double gaussianFactor(final double y)
    {
        final double truncated = ((long)(y * SIXTEEN)) / SIXTEEN;
        final double remainder = (y - truncated) * (y + truncated);
        return StrictMath.exp(-truncated * truncated * 0.5) * StrictMath.exp(-remainder * 0.5);
    }
}
