package io.novation.core.pricing;

/**
 * Inverts the Black formula on a forward for the volatility, by a Newton iteration safeguarded with bisection
 * inside a bracket that always holds the root ("rtsafe", Press et al., Numerical Recipes §9.4).
 * <p>
 * The problem is first reduced to its out-of-the-money form (an in-the-money price less its forward intrinsic
 * value, by put-call parity) and normalized as in Jäckel ("Let's be rational", 2015): with x = −|ln(F/K)| ≤ 0 and
 * the total volatility s = σ√T, the normalized call b(x, s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2) is
 * matched to β = (out-of-the-money undiscounted price)/√(F·K). The iteration solves ln b(s) = ln β, whose Newton
 * steps stay well behaved far out of the money where b itself is tiny and extremely convex; its derivative is
 * ∂b/∂s = φ(0)·exp(−(x²/s² + s²/4)/2) divided by b. The bracket starts at [σ_min·√T, σ_max·√T]; a Newton step that
 * leaves it or shrinks too slowly is replaced by a bisection (geometric while the bracket spans more than a factor
 * of 4), so the search always converges. It stops when a step or the bracket is below 1e-15 relative, or after
 * {@value #MAX_ITERATIONS} iterations.
 */
final class ImpliedVolatilitySolver
{
    static final int MAX_ITERATIONS = 100;

    private static final double RELATIVE_TOLERANCE = 1e-15;
    private static final double SQRT_TWO_PI = 2.506628274631000502415765284811;

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

        final double logBeta = StrictMath.log(beta);
        // Start where ∂b/∂s is largest, s = √(2|x|), or at the small-s at-the-money value s ≈ β·√(2π).
        double s = x < 0.0 ? StrictMath.sqrt(-2.0 * x) : beta * SQRT_TWO_PI;
        if (!(s > low && s < high))
        {
            s = midpoint(low, high);
        }

        double stepBeforeLast = high - low;
        double lastStep = stepBeforeLast;
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++)
        {
            final double value = call.value(s);
            final double objective = value > 0.0 ? StrictMath.log(value) - logBeta : Double.NEGATIVE_INFINITY;
            if (objective == 0.0)
            {
                return solved(s, sqrtExpiry, iteration);
            }
            if (objective < 0.0)
            {
                low = s;
            }
            else
            {
                high = s;
            }

            final double slope = call.vega(s) / value;
            final double newton = s - objective / slope;
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
            if (Math.abs(lastStep) <= RELATIVE_TOLERANCE * s || high - low <= RELATIVE_TOLERANCE * high)
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
            return halfForward * NormalDistribution.cdf(d1) - halfStrike * NormalDistribution.cdf(d2);
        }

        double vega(final double s)
        {
            final double ratio = x / s;
            return NormalDistribution.INVERSE_SQRT_TWO_PI * StrictMath.exp(-0.5 * (ratio * ratio + 0.25 * s * s));
        }
    }
}
