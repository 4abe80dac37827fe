package io.novation.core.pricing;

/**
 * Inverts the Black formula on a forward for the volatility, by a Newton iteration safeguarded with bisection
 * inside a bracket that always holds the root ("rtsafe", Press et al., Numerical Recipes §9.4).
 * <p>
 * The problem is first reduced to its out-of-the-money form (an in-the-money price less its forward intrinsic
 * value, by put-call parity) and normalized as in Jäckel ("Let's be rational", Wilmott 2015): with x = −|ln(F/K)|
 * and the total volatility s = σ√T, the normalized call b(s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2), with
 * ∂b/∂s = φ(0)·exp(−(x²/s² + s²/4)/2), is matched to β = (out-of-the-money undiscounted price)/√(F·K).
 * <p>
 * b is convex below its inflection point s_c = √(2|x|) and concave above it (Jäckel, "By implication", Wilmott
 * 2006), so Newton runs on an objective suited to the side of s_c where the root lies: b − β from s_c when the root
 * is above it (concave: the iterates climb monotonically); −1/ln b + 1/ln β when it is below, a transform that is
 * nearly quadratic in s far out of the money, where b ~ exp(−x²/2s²) would make Newton on b crawl. Two lower bounds
 * of the root tighten the bracket and give the start below s_c: b(s) ≤ s/√(2π) everywhere, so s ≥ β·√(2π); and
 * b(s) ≤ exp(−x²/2s²) below s_c, so s ≥ |x|/√(−2·ln β). The bracket starts at [σ_min·√T, σ_max·√T] so tightened and
 * shrinks with every evaluation; a Newton step that leaves it or does not shrink fast enough is replaced by a
 * bisection (geometric while the bracket spans more than a factor of 4), so the search always converges.
 * <p>
 * It stops when b reproduces β within the rounding error of b, estimated as 4 ulps of its leading term
 * e^{x/2}·N(d1) times (1 + d2²) (a difference of two terms, each magnifying the rounding of d by about d²), after a
 * Newton step below 1e-12 relative (the error left is of the order of its square), when a bisection step or the
 * bracket falls below 1e-15 relative, or after {@value #MAX_ITERATIONS} iterations (never reached in the tests: a
 * million random cases took at most 16, mostly 4 or 5).
 */
final class ImpliedVolatilitySolver
{
    static final int MAX_ITERATIONS = 100;

    private static final double ROUNDING_ULPS = 4.0;
    private static final double SQRT_TWO_PI = 2.506628274631000502415765284811;
    private static final double STEP_TOLERANCE = 1e-15;
    private static final double CONVERGED_NEWTON_STEP = 1e-12;

    private ImpliedVolatilitySolver()
    {
    }

    /**
     * The implied volatility of a European option on a forward.
     *
     * @param type           call or put.
     * @param forward        forward price F &gt; 0.
     * @param strike         strike K &gt; 0.
     * @param expiryYears    time to expiry T ≥ 0, years.
     * @param discountFactor e^{−rT} &gt; 0.
     * @param price          present value of the option, finite.
     * @return the result; see {@link ImpliedVolatility.Status}.
     */
    static ImpliedVolatility solve(
        final OptionType type,
        final double forward,
        final double strike,
        final double expiryYears,
        final double discountFactor,
        final double price)
    {
        if (expiryYears == 0.0)
        {
            return ImpliedVolatility.failed(ImpliedVolatility.Status.NO_SOLUTION, 0);
        }

        final double undiscounted = price / discountFactor;
        final double intrinsic = type.payoff(forward, strike);
        final double upperBound = type == OptionType.CALL ? forward : strike;
        if (!(undiscounted >= intrinsic && undiscounted < upperBound))
        {
            return ImpliedVolatility.failed(ImpliedVolatility.Status.NO_SOLUTION, 0);
        }

        // Put-call parity c − p = F − K turns an in-the-money price into the out-of-the-money one.
        final double outOfTheMoney = undiscounted - intrinsic;
        if (!(outOfTheMoney > 0.0))
        {
            return ImpliedVolatility.failed(ImpliedVolatility.Status.BELOW_MIN_VOLATILITY, 0);
        }

        final double x = -Math.abs(StrictMath.log(forward / strike));
        final double beta = outOfTheMoney / (StrictMath.sqrt(forward) * StrictMath.sqrt(strike));
        final double sqrtExpiry = StrictMath.sqrt(expiryYears);
        final NormalizedCall call = new NormalizedCall(x);

        double low = ImpliedVolatility.MIN_VOLATILITY * sqrtExpiry;
        double high = ImpliedVolatility.MAX_VOLATILITY * sqrtExpiry;
        final double betaAtLow = call.value(low);
        if (beta <= betaAtLow)
        {
            return beta == betaAtLow ?
                ImpliedVolatility.solved(ImpliedVolatility.MIN_VOLATILITY, 0) :
                ImpliedVolatility.failed(ImpliedVolatility.Status.BELOW_MIN_VOLATILITY, 0);
        }
        final double betaAtHigh = call.value(high);
        if (beta >= betaAtHigh)
        {
            return beta == betaAtHigh ?
                ImpliedVolatility.solved(ImpliedVolatility.MAX_VOLATILITY, 0) :
                ImpliedVolatility.failed(ImpliedVolatility.Status.ABOVE_MAX_VOLATILITY, 0);
        }

        // b is convex in s below its inflection point s_c = √(2|x|) and concave above it: start on the root's side
        // of s_c, with b − β above it and −1/ln b + 1/ln β below it (see the class comment).
        final double inflection = StrictMath.sqrt(-2.0 * x);
        final boolean lowerBranch = inflection >= high || (inflection > low && beta < call.value(inflection));
        final double target = lowerBranch ? -1.0 / StrictMath.log(beta) : beta;

        // Two lower bounds of the root: b(s) ≤ s/√(2π) everywhere, and b(s) ≤ exp(−x²/2s²) below s_c.
        double lowerBound = beta * SQRT_TWO_PI;
        if (lowerBranch)
        {
            lowerBound = Math.max(lowerBound, -x / StrictMath.sqrt(-2.0 * StrictMath.log(beta)));
        }
        if (lowerBound > low && lowerBound < high)
        {
            low = lowerBound;
        }
        // Below s_c start from the lower bound, left of the root; above it from s_c, which is left of the root too.
        double s = lowerBranch ? low : Math.max(inflection, low);

        double stepBeforeLast = high - low;
        double lastStep = stepBeforeLast;
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++)
        {
            final double value = call.value(s);
            if (Math.abs(value - beta) <= call.lastRoundingError())
            {
                return solved(s, sqrtExpiry, iteration);
            }
            if (value < beta)
            {
                low = s;
            }
            else
            {
                high = s;
            }

            final double objective;
            final double slope;
            if (lowerBranch)
            {
                final double logValue = StrictMath.log(value);
                objective = -1.0 / logValue - target;
                slope = call.vega(s) / (value * logValue * logValue);
            }
            else
            {
                objective = value - target;
                slope = call.vega(s);
            }

            final double newton = s - objective / slope;
            if (newton >= low && newton <= high && Math.abs(newton - s) <= CONVERGED_NEWTON_STEP * s)
            {
                // A Newton step this small leaves an error of its square: done, even where rounding noise in b
                // would keep later steps from shrinking further.
                return solved(newton, sqrtExpiry, iteration);
            }

            final double next;
            if (newton > low && newton < high && Math.abs(2.0 * objective) <= Math.abs(stepBeforeLast * slope))
            {
                next = newton;
            }
            else
            {
                next = midpoint(low, high);
            }

            stepBeforeLast = lastStep;
            lastStep = next - s;
            s = next;
            if (Math.abs(lastStep) <= STEP_TOLERANCE * s || high - low <= STEP_TOLERANCE * high)
            {
                return solved(s, sqrtExpiry, iteration);
            }
        }

        return solved(s, sqrtExpiry, MAX_ITERATIONS);
    }

    private static ImpliedVolatility solved(final double totalVolatility, final double sqrtExpiry, final int iterations)
    {
        final double volatility = totalVolatility / sqrtExpiry;
        return ImpliedVolatility.solved(
            Math.min(Math.max(volatility, ImpliedVolatility.MIN_VOLATILITY), ImpliedVolatility.MAX_VOLATILITY),
            iterations);
    }

    private static double midpoint(final double low, final double high)
    {
        return high > 4.0 * low ? StrictMath.sqrt(low) * StrictMath.sqrt(high) : low + 0.5 * (high - low);
    }

    /**
     * The normalized Black call b(x, s) at a fixed log-moneyness x ≤ 0, and its derivative in s.
     */
    private static final class NormalizedCall
    {
        private final double x;
        private final double halfForward;
        private final double halfStrike;
        private double lastRoundingError;

        NormalizedCall(final double x)
        {
            this.x = x;
            this.halfForward = StrictMath.exp(0.5 * x);
            this.halfStrike = StrictMath.exp(-0.5 * x);
        }

        double value(final double s)
        {
            final double d1 = x / s + 0.5 * s;
            final double d2 = d1 - s;
            final double leadingTerm = halfForward * NormalDistribution.cdf(d1);
            // b is a difference of two terms, each with a few ulps of error, times about 1 + d² where N(d)
            // magnifies the rounding of d; |d2| ≥ |d1| and the first term is the larger one.
            lastRoundingError = ROUNDING_ULPS * Math.ulp(leadingTerm) * (1.0 + d2 * d2);
            return leadingTerm - halfStrike * NormalDistribution.cdf(d2);
        }

        /**
         * An estimate of the rounding error of the last {@link #value(double)}: below it, b and β cannot be told
         * apart.
         */
        double lastRoundingError()
        {
            return lastRoundingError;
        }

        double vega(final double s)
        {
            final double ratio = x / s;
            return NormalDistribution.INVERSE_SQRT_TWO_PI * StrictMath.exp(-0.5 * (ratio * ratio + 0.25 * s * s));
        }
    }
}
