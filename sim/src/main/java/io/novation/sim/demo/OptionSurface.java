package io.novation.sim.demo;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.pricing.Black76;
import io.novation.core.pricing.OptionType;
import io.novation.core.pricing.SviParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The volatility surface the demo's oracle publishers sign for BTC: one raw SVI slice per listed expiry with a fixed
 * smile shape in log-moneyness k = ln(K/S), {@code w(k) = w_atm·((1 − λ) + λ·(ρ·k + √(k² + s²))/s)}, and a flat term
 * structure of at-the-money volatility ({@code w_atm = σ_atm²·T}); σ_atm is set at each publication so that the
 * surface prices OKX's BTC-USD-251031-80000-P at its mark implied volatility of that minute at the demo's index. So
 * the whole surface follows the real implied-volatility path of 2025-10-10 and its smile stays as published. Volatility
 * fractions per year, times in epoch ms, prices in USD per BTC.
 */
final class OptionSurface
{
    /** The smile's weight of the wing term, λ. */
    static final double WING_SHARE = 0.5;
    /** SVI ρ: the put skew. */
    static final double RHO = -0.6;
    /** SVI σ: the smile's curvature at the money, in log-moneyness. */
    static final double CURVATURE = 0.2;
    /** The strike of the option whose mark volatility the surface reproduces, USD. */
    static final double REFERENCE_STRIKE = 80_000;
    /** 2025-10-31T08:00:00Z, the expiry of that option, epoch ms. */
    static final long REFERENCE_EXPIRY = 1_761_897_600_000L;
    /** A year of 365 days, ms (the engine's year for times to expiry). */
    static final double YEAR_MS = 365.0 * 86_400_000.0;
    private static final double NANOS = 1e9;

    private OptionSurface()
    {
    }

    /**
     * The smile's shape: total variance relative to at the money (1 at k = 0).
     *
     * @param k log-moneyness ln(K/S).
     * @return w(k)/w(0).
     */
    static double shape(final double k)
    {
        return 1 - WING_SHARE + WING_SHARE * (RHO * k + StrictMath.sqrt(k * k + CURVATURE * CURVATURE)) / CURVATURE;
    }

    /**
     * The at-the-money volatility that gives the reference option its mark volatility at an index.
     *
     * @param referenceIv the reference option's mark implied volatility.
     * @param indexUsd    the index, USD.
     * @return σ_atm.
     */
    static double atmFor(final double referenceIv, final double indexUsd)
    {
        return referenceIv / StrictMath.sqrt(shape(StrictMath.log(REFERENCE_STRIKE / indexUsd)));
    }

    /**
     * The slices of a publication: one per expiry after {@code publishedAt}, in order.
     *
     * @param expiries    the listed expiries, increasing, epoch ms.
     * @param publishedAt the publisher's time, epoch ms.
     * @param atm         σ_atm.
     * @return the slices (parameters in billionths).
     */
    static List<OracleVolSurface.Slice> slices(final List<Long> expiries, final long publishedAt, final double atm)
    {
        final List<OracleVolSurface.Slice> slices = new ArrayList<>();
        for (final long expiry : expiries)
        {
            if (expiry <= publishedAt)
            {
                continue;
            }
            final double w = atm * atm * (expiry - publishedAt) / YEAR_MS;
            slices.add(new OracleVolSurface.Slice(expiry, Math.round(w * (1 - WING_SHARE) * NANOS),
                Math.round(w * WING_SHARE / CURVATURE * NANOS), Math.round(RHO * NANOS), 0,
                Math.round(CURVATURE * NANOS)));
        }
        return slices;
    }

    /**
     * The volatility a published slice gives a strike at an index (sticky moneyness, as the engine reads it).
     *
     * @param slice       the slice of the series' expiry.
     * @param publishedAt the publication's time, epoch ms.
     * @param strikeUsd   the strike, USD.
     * @param indexUsd    the index, USD.
     * @return σ.
     */
    static double volatility(final OracleVolSurface.Slice slice, final long publishedAt, final double strikeUsd,
        final double indexUsd)
    {
        final SviParameters svi = SviParameters.of(slice.aNanos() / NANOS, slice.bNanos() / NANOS,
            slice.rhoNanos() / NANOS, slice.mNanos() / NANOS, slice.sigmaNanos() / NANOS);
        return svi.impliedVolatility(StrictMath.log(strikeUsd / indexUsd), (slice.expiry() - publishedAt) / YEAR_MS);
    }

    /**
     * Black-76's value of one option (the index as forward, no rate), as the engine marks it.
     *
     * @param type       call or put.
     * @param indexUsd   the index, USD.
     * @param strikeUsd  the strike, USD.
     * @param expiry     epoch ms.
     * @param time       epoch ms.
     * @param volatility σ.
     * @return USD per BTC; the intrinsic value at or after the expiry.
     */
    static double mark(final OptionType type, final double indexUsd, final double strikeUsd, final long expiry,
        final long time, final double volatility)
    {
        if (time >= expiry)
        {
            return type.payoff(indexUsd, strikeUsd);
        }
        return Black76.price(type, indexUsd, strikeUsd, (expiry - time) / YEAR_MS, 0, volatility);
    }
}
