package io.novation.core.market;

/**
 * The bounds governance sets on a market's margin controller: initial margin fractions in ppm, times in milliseconds.
 * The controller moves the market's initial margin fraction only within {@code [minImfPpm, maxImfPpm]}, by at most
 * {@code maxStepPpm} per change, at most one change per {@code minIntervalMs}; a raise takes effect
 * {@code tighteningDelayMs} after it is announced, a cut {@code looseningDelayMs} after (docs/protocol.md, "Risk that
 * follows the market").
 *
 * @param minImfPpm         the lowest initial margin fraction, in (0, maxImfPpm].
 * @param maxImfPpm         the highest initial margin fraction, at most 1,000,000.
 * @param maxStepPpm        the largest change of one adjustment, positive.
 * @param minIntervalMs     the least time between two applied adjustments, not negative.
 * @param tighteningDelayMs the wait between announcing a raise and applying it, not negative.
 * @param looseningDelayMs  the wait between announcing a cut and applying it, at least the tightening delay.
 * @param halfLifeMs        the half-life of the EWMA of log-returns, positive; {@link #RISKMETRICS_HALF_LIFE_MS} is
 *                          RiskMetrics' daily λ = 0.94.
 */
public record MarginControllerBounds(
    long minImfPpm,
    long maxImfPpm,
    long maxStepPpm,
    long minIntervalMs,
    long tighteningDelayMs,
    long looseningDelayMs,
    long halfLifeMs)
{
    /** The half-life of RiskMetrics' λ = 0.94 per day: ln 0.5 / ln 0.94 days, 11.2 days, in ms (rounded). */
    public static final long RISKMETRICS_HALF_LIFE_MS = 967_879_202L;

    /** Longest interval or delay accepted: 30 days. */
    public static final long MAX_DELAY_MS = 30L * 24 * 3_600_000L;

    /**
     * Validates the bounds.
     *
     * @throws IllegalArgumentException if a bound is out of range.
     */
    public MarginControllerBounds
    {
        final String problem = problem(minImfPpm, maxImfPpm, maxStepPpm, minIntervalMs, tighteningDelayMs,
            looseningDelayMs, halfLifeMs);
        if (problem != null)
        {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * What is wrong with these values as bounds, for a rejection message; null when they are valid.
     *
     * @param minImfPpm         lowest fraction.
     * @param maxImfPpm         highest fraction.
     * @param maxStepPpm        largest step.
     * @param minIntervalMs     least interval.
     * @param tighteningDelayMs delay of a raise.
     * @param looseningDelayMs  delay of a cut.
     * @param halfLifeMs        the EWMA's half-life.
     * @return the problem or null.
     */
    public static String problem(final long minImfPpm, final long maxImfPpm, final long maxStepPpm,
        final long minIntervalMs, final long tighteningDelayMs, final long looseningDelayMs, final long halfLifeMs)
    {
        if (halfLifeMs < 60_000 || halfLifeMs > 365L * 24 * 3_600_000L)
        {
            return "the volatility half-life must be in [1 minute, 365 days]";
        }
        if (minImfPpm <= 0 || minImfPpm > maxImfPpm || maxImfPpm > 1_000_000)
        {
            return "controller bounds need 0 < minImf <= maxImf <= 100%";
        }
        if (maxStepPpm <= 0 || maxStepPpm > 1_000_000)
        {
            return "the controller's step must be in (0, 100%]";
        }
        if (minIntervalMs < 0 || minIntervalMs > MAX_DELAY_MS || tighteningDelayMs < 0 ||
            tighteningDelayMs > MAX_DELAY_MS || looseningDelayMs < tighteningDelayMs || looseningDelayMs > MAX_DELAY_MS)
        {
            return "interval and delays must be in [0, 30 days], the loosening delay at least the tightening delay";
        }
        return null;
    }
}
