package io.novation.core.oracle;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

/**
 * The rules an underlying's volatility surfaces are held to besides its oracle's quorum, freshness window and future
 * skew: times in milliseconds of sequencer time, fractions in parts per million of a volatility (relative, not
 * volatility points).
 *
 * @param heartbeatMs           a surface published longer ago than this is stale; a held surface waits this long for
 *                              its confirmation.
 * @param deviationThresholdPpm a surface that moves the volatility of any listed series further than this from the
 *                              current surface's is held.
 * @param staleBandBasePpm      relative shift of volatility at the moment the surface turns stale.
 * @param staleBandPpmPerHour   widening of the shift per started hour of staleness.
 * @param staleBandMaxPpm       the shift's largest value.
 */
public record VolSurfaceParameters(
    long heartbeatMs,
    long deviationThresholdPpm,
    long staleBandBasePpm,
    long staleBandPpmPerHour,
    long staleBandMaxPpm)
{
    /** The defaults of every underlying; docs/protocol.md §14.2 gives the reason for each. */
    public static final VolSurfaceParameters DEFAULTS = new VolSurfaceParameters(
        4 * 3_600_000L, 250_000, 100_000, 50_000, 500_000);

    private static final long HOUR_MS = 3_600_000L;

    /**
     * Validates the parameters.
     */
    public VolSurfaceParameters
    {
        if (heartbeatMs <= 0 || heartbeatMs > 7 * 24 * HOUR_MS)
        {
            throw new IllegalArgumentException("surface heartbeat must be in (0, 7 days]");
        }
        if (deviationThresholdPpm <= 0 || deviationThresholdPpm > 10 * FixedPoint.PPM)
        {
            throw new IllegalArgumentException("surface deviation threshold must be in (0, 1000 %]");
        }
        if (staleBandBasePpm < 0 || staleBandPpmPerHour < 0 || staleBandPpmPerHour > FixedPoint.PPM ||
            staleBandMaxPpm < staleBandBasePpm || staleBandMaxPpm >= FixedPoint.PPM)
        {
            throw new IllegalArgumentException("surface stale band: base not negative, widening in [0, 100 %] an " +
                "hour, base <= max < 100 %");
        }
    }

    /**
     * The relative volatility shift of a surface of the given age:
     * {@code min(max, base + perHour · ceil((age − heartbeat) / 1 h))} once the age exceeds the heartbeat, else 0.
     *
     * @param ageMs sequencer time since the surface's publication, milliseconds.
     * @return parts per million of the volatility; 0 while fresh.
     */
    public long staleBandPpm(final long ageMs)
    {
        if (ageMs <= heartbeatMs)
        {
            return 0;
        }
        final long hours = FixedPoint.divide(ageMs - heartbeatMs, HOUR_MS, Rounding.UP);
        final long widening = staleBandPpmPerHour == 0 ? 0 :
            Math.multiplyExact(Math.min(hours, staleBandMaxPpm), staleBandPpmPerHour);
        return Math.min(staleBandMaxPpm, Math.addExact(staleBandBasePpm, widening));
    }
}
