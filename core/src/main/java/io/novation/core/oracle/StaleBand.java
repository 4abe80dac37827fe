package io.novation.core.oracle;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;

/**
 * The conservative band margin uses around a stale price, as a half-width in parts per million:
 * {@code band = min(max, base + perMinute · ceil((age − heartbeat) / 60 s))} once the age exceeds the heartbeat, and
 * zero before. A long (or collateral) is valued at the low edge {@code floor(p · (1 − band))}, a short at the high
 * edge {@code ceil(p · (1 + band))}.
 */
public final class StaleBand
{
    private static final long MINUTE_MS = 60_000L;

    private StaleBand()
    {
    }

    /**
     * The band's half-width for a price of the given age.
     *
     * @param parameters the oracle's parameters.
     * @param ageMs      sequencer time since the price was accepted, milliseconds.
     * @return parts per million; 0 while the price is fresh.
     */
    public static long halfWidthPpm(final OracleParameters parameters, final long ageMs)
    {
        if (ageMs <= parameters.heartbeatMs())
        {
            return 0;
        }
        final long minutes = FixedPoint.divide(ageMs - parameters.heartbeatMs(), MINUTE_MS, Rounding.UP);
        final long widening = parameters.staleBandPpmPerMinute() == 0 ? 0 :
            Math.multiplyExact(Math.min(minutes, parameters.staleBandMaxPpm()), parameters.staleBandPpmPerMinute());
        return Math.min(parameters.staleBandMaxPpm(), Math.addExact(parameters.staleBandBasePpm(), widening));
    }

    /**
     * The edge of the band that is worst for a holding of the given sign.
     *
     * @param price       the last accepted price, price units.
     * @param bandPpm     the half-width.
     * @param holdingSign positive for a long or a collateral balance, negative for a short.
     * @return price units.
     */
    public static long worstEdge(final long price, final long bandPpm, final long holdingSign)
    {
        if (bandPpm == 0 || holdingSign == 0)
        {
            return price;
        }
        return holdingSign > 0 ?
            FixedPoint.mulPpm(price, FixedPoint.PPM - bandPpm, Rounding.DOWN) :
            FixedPoint.mulPpm(price, FixedPoint.PPM + bandPpm, Rounding.UP);
    }
}
