package io.novation.core.pricing;

/**
 * The outcome of inverting an option price for its volatility: a {@link Status} and, when solved, the annual
 * volatility (a decimal fraction, 0.2 is 20 %) in [{@link #MIN_VOLATILITY}, {@link #MAX_VOLATILITY}].
 *
 * @param status     whether a volatility was found, and if not why.
 * @param volatility the implied volatility per year when {@link Status#SOLVED}, NaN otherwise.
 * @param iterations safeguarded Newton iterations used (0 when no search was needed).
 */
public record ImpliedVolatility(Status status, double volatility, int iterations)
{
    /**
     * Smallest volatility searched: 1e-6 per year.
     */
    public static final double MIN_VOLATILITY = 1e-6;

    /**
     * Largest volatility searched: 10.0 (1,000 %) per year.
     */
    public static final double MAX_VOLATILITY = 10.0;

    /**
     * Why an implied volatility was or was not found.
     */
    public enum Status
    {
        /**
         * A volatility in [{@link #MIN_VOLATILITY}, {@link #MAX_VOLATILITY}] reproduces the price.
         */
        SOLVED,

        /**
         * The price is outside the no-arbitrage bounds, so no volatility reproduces it: below the discounted
         * forward intrinsic value (for example negative), at or above the discounted forward for a call or the
         * discounted strike for a put; or the option is at expiry (T = 0), where its price does not depend on
         * volatility.
         */
        NO_SOLUTION,

        /**
         * The price is within the bounds but at or below the price at {@link #MIN_VOLATILITY} (for example a
         * price equal to the intrinsic value).
         */
        BELOW_MIN_VOLATILITY,

        /**
         * The price is within the bounds but above the price at {@link #MAX_VOLATILITY}.
         */
        ABOVE_MAX_VOLATILITY
    }

    /**
     * Checks that the value is consistent: a finite volatility in range exactly when solved.
     *
     * @param status     whether a volatility was found.
     * @param volatility the volatility, or NaN.
     * @param iterations iterations used, not negative.
     */
    public ImpliedVolatility
    {
        if (status == null)
        {
            throw new IllegalArgumentException("status must not be null");
        }
        if (iterations < 0)
        {
            throw new IllegalArgumentException("iterations must be >= 0: " + iterations);
        }
        if (status == Status.SOLVED ?
            !(volatility >= MIN_VOLATILITY && volatility <= MAX_VOLATILITY) : !Double.isNaN(volatility))
        {
            throw new IllegalArgumentException("volatility " + volatility + " does not fit status " + status);
        }
    }

    /**
     * A solved result.
     *
     * @param volatility annual volatility in [{@link #MIN_VOLATILITY}, {@link #MAX_VOLATILITY}].
     * @param iterations iterations used.
     * @return the result.
     */
    public static ImpliedVolatility solved(final double volatility, final int iterations)
    {
        return new ImpliedVolatility(Status.SOLVED, volatility, iterations);
    }

    /**
     * A failed result, with a NaN volatility.
     *
     * @param status     any status but {@link Status#SOLVED}.
     * @param iterations iterations used.
     * @return the result.
     */
    public static ImpliedVolatility failed(final Status status, final int iterations)
    {
        return new ImpliedVolatility(status, Double.NaN, iterations);
    }

    /**
     * Whether a volatility was found.
     *
     * @return true when {@link Status#SOLVED}.
     */
    public boolean isSolved()
    {
        return status == Status.SOLVED;
    }
}
