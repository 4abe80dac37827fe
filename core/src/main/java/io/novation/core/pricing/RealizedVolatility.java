package io.novation.core.pricing;

/**
 * The EWMA of a market's oracle log-returns, as a variance per day in units of 1e-18 (so 4.0e14 is a daily
 * standard deviation of 2 %), updated with each accepted oracle round.
 * <p>
 * RiskMetrics (J.P. Morgan/Reuters, <i>RiskMetrics Technical Document</i>, 4th ed. 1996, §5.2.2) takes
 * {@code σ²_t = λ σ²_{t−1} + (1 − λ) r²_t} on daily returns with λ = 0.94. Oracle rounds arrive at irregular times,
 * so the decay follows elapsed time rather than a count of rounds: a return {@code r} over {@code Δt} ms contributes
 * the per-day variance {@code r² × DAY / Δt} with weight {@code 1 − λ^(Δt / DAY)}. For rounds one day apart this is
 * RiskMetrics exactly; for rounds one minute apart the per-round decay is {@code 0.94^(1/1440) = 0.999957}, the same
 * memory in time (half-life 11.2 days).
 * <p>
 * Determinism: the logarithm and the decay are {@link StrictMath} doubles; each update rounds the new variance up to
 * an integer (the protocol's favour: a higher variance asks for more margin) and saturates at {@link #MAX_VARIANCE}.
 */
public final class RealizedVolatility
{
    /** RiskMetrics' daily decay factor. */
    public static final double LAMBDA_PER_DAY = 0.94;

    /** One day in ms. */
    public static final long DAY_MS = 86_400_000L;

    /** Units of the variance per day: 1e-18. */
    public static final double VARIANCE_SCALE = 1e18;

    /** The largest variance held: a daily standard deviation of about 300 %. */
    public static final long MAX_VARIANCE = 9_000_000_000_000_000_000L;

    private static final double LN_LAMBDA_PER_MS = StrictMath.log(LAMBDA_PER_DAY) / DAY_MS;
    private static final double LN_HALF = StrictMath.log(0.5);

    private RealizedVolatility()
    {
    }

    /**
     * The variance after one more return.
     *
     * @param variance      the variance per day before, units of 1e-18, not negative.
     * @param previousPrice the last accepted price, positive.
     * @param price         the new accepted price, positive.
     * @param elapsedMs     time between the two prices, ms; not positive leaves the variance unchanged.
     * @return the new variance per day, units of 1e-18, in [0, {@link #MAX_VARIANCE}].
     */
    public static long update(final long variance, final long previousPrice, final long price, final long elapsedMs)
    {
        return update(variance, previousPrice, price, elapsedMs, LN_LAMBDA_PER_MS);
    }

    /**
     * The variance after one more return, with the memory of a half-life: the decay over {@code Δt} is
     * {@code 0.5^(Δt / halfLife)}.
     *
     * @param variance      the variance per day before, units of 1e-18, not negative.
     * @param previousPrice the last accepted price, positive.
     * @param price         the new accepted price, positive.
     * @param elapsedMs     time between the two prices, ms; not positive leaves the variance unchanged.
     * @param halfLifeMs    the half-life, ms, positive.
     * @return the new variance per day, units of 1e-18, in [0, {@link #MAX_VARIANCE}].
     */
    public static long update(final long variance, final long previousPrice, final long price, final long elapsedMs,
        final long halfLifeMs)
    {
        return update(variance, previousPrice, price, elapsedMs, LN_HALF / halfLifeMs);
    }

    private static long update(final long variance, final long previousPrice, final long price, final long elapsedMs,
        final double lnDecayPerMs)
    {
        if (elapsedMs <= 0 || previousPrice <= 0 || price <= 0)
        {
            return variance;
        }
        final double logReturn = StrictMath.log((double)price / (double)previousPrice);
        final double sample = logReturn * logReturn * ((double)DAY_MS / (double)elapsedMs) * VARIANCE_SCALE;
        final double decay = StrictMath.exp(lnDecayPerMs * elapsedMs);
        final double next = decay * variance + (1.0 - decay) * sample;
        if (!(next < MAX_VARIANCE))
        {
            return MAX_VARIANCE;
        }
        return (long)StrictMath.ceil(next);
    }

    /**
     * The per-round decay of rounds a fixed interval apart: {@code λ^(interval / DAY)}.
     *
     * @param intervalMs the interval, ms.
     * @return the decay factor.
     */
    public static double decayOver(final long intervalMs)
    {
        return StrictMath.exp(LN_LAMBDA_PER_MS * intervalMs);
    }

    /**
     * A daily standard deviation in ppm of a variance per day in 1e-18, rounded up.
     *
     * @param variance units of 1e-18 per day, not negative.
     * @return ppm per day.
     */
    public static long volatilityPpm(final long variance)
    {
        return (long)StrictMath.ceil(StrictMath.sqrt((double)variance) / 1e3);
    }

    /**
     * The variance per day, in 1e-18, of an annual volatility in millionths (an implied volatility): {@code σ² / 365}.
     *
     * @param annualVolatilityMicros annual volatility, 1e-6.
     * @return units of 1e-18 per day, rounded up, saturated at {@link #MAX_VARIANCE}.
     */
    public static long varianceOfAnnualVolatility(final long annualVolatilityMicros)
    {
        final double sigma = annualVolatilityMicros / 1e6;
        final double variance = sigma * sigma / 365.0 * VARIANCE_SCALE;
        return variance < MAX_VARIANCE ? (long)StrictMath.ceil(variance) : MAX_VARIANCE;
    }
}
