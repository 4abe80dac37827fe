package io.novation.core.market;

/**
 * The bounds governance sets on a market's depth-driven liquidation penalty: fractions in ppm, ages in milliseconds.
 * The fillable-price spread (as a ratio to the maintenance margin) and the insurance fund's fee grow with a
 * liquidated position's notional relative to the reported book depth, never below the static liquidation parameters
 * and never above these caps; a depth report older than {@code maxDepthAgeMs} is ignored (docs/protocol.md, "Risk
 * that follows the market").
 *
 * @param maxSpreadRatioPpm the largest spread-to-maintenance-margin ratio, in (0, 1,000,000].
 * @param maxFeePpm         the largest insurance fee, in [0, 1,000,000].
 * @param maxDepthAgeMs     the oldest depth report used, positive.
 */
public record DepthPenaltyBounds(long maxSpreadRatioPpm, long maxFeePpm, long maxDepthAgeMs)
{
    /**
     * Validates the bounds.
     *
     * @throws IllegalArgumentException if a bound is out of range.
     */
    public DepthPenaltyBounds
    {
        final String problem = problem(maxSpreadRatioPpm, maxFeePpm, maxDepthAgeMs);
        if (problem != null)
        {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * What is wrong with these values as bounds, for a rejection message; null when they are valid.
     *
     * @param maxSpreadRatioPpm largest spread ratio.
     * @param maxFeePpm         largest fee.
     * @param maxDepthAgeMs     oldest report.
     * @return the problem or null.
     */
    public static String problem(final long maxSpreadRatioPpm, final long maxFeePpm, final long maxDepthAgeMs)
    {
        if (maxSpreadRatioPpm <= 0 || maxSpreadRatioPpm > 1_000_000 || maxFeePpm < 0 || maxFeePpm > 1_000_000)
        {
            return "depth-penalty caps: spread ratio in (0, 100%], fee in [0, 100%]";
        }
        if (maxDepthAgeMs <= 0 || maxDepthAgeMs > MarginControllerBounds.MAX_DELAY_MS)
        {
            return "the depth report's age limit must be in (0, 30 days]";
        }
        return null;
    }
}
