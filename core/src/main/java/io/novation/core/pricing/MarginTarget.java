package io.novation.core.pricing;

/**
 * The initial margin fraction, in ppm, that covers a one-sided 99 % move over the margin horizon:
 * {@code ceil(k × σ_day × √(horizon / 1 day) × 1,000,000)} with k = 2.326 (the 99 % quantile of the standard normal,
 * as the one-day 99 % VaR of RiskMetrics and the margin period of risk of CCP models) and a horizon of one day (the
 * time a position may need to be unwound in a stressed market). With BTC's usual 2 % daily volatility it is about
 * 4.7 %, close to the 5 % of dYdX's large-cap tier.
 */
public final class MarginTarget
{
    /** The quantile k, in millionths. */
    public static final long K_MICROS = 2_326_348L;

    /** The horizon, ms. */
    public static final long HORIZON_MS = RealizedVolatility.DAY_MS;

    private MarginTarget()
    {
    }

    /**
     * The target initial margin fraction for a variance.
     *
     * @param variancePerDay units of 1e-18 per day, not negative.
     * @return ppm, in [0, 1,000,000].
     */
    public static long imfPpm(final long variancePerDay)
    {
        final double sigma = StrictMath.sqrt((double)variancePerDay / RealizedVolatility.VARIANCE_SCALE);
        final double horizonDays = (double)HORIZON_MS / RealizedVolatility.DAY_MS;
        final double fraction = K_MICROS / 1e6 * sigma * StrictMath.sqrt(horizonDays);
        if (!(fraction < 1.0))
        {
            return 1_000_000L;
        }
        return (long)StrictMath.ceil(fraction * 1e6);
    }

    /**
     * The variance per day at which the target equals an initial margin fraction: where the controller starts, so
     * that turning it on changes nothing until the market moves.
     *
     * @param imfPpm initial margin fraction, ppm.
     * @return units of 1e-18 per day, rounded down.
     */
    public static long varianceAt(final long imfPpm)
    {
        final double sigma = imfPpm / 1e6 / (K_MICROS / 1e6);
        return (long)StrictMath.floor(sigma * sigma * RealizedVolatility.VARIANCE_SCALE);
    }
}
