package io.novation.core.pricing;

import java.util.Arrays;
import java.util.List;

/**
 * An implied volatility surface for one underlying: raw SVI slices at increasing expiries, with total implied
 * variance w(k, T) = σ_BS²·T (dimensionless) at any log-moneyness k = ln(K/F) and time to expiry T in years.
 * <p>
 * Between two slices, total variance is interpolated linearly in T at fixed k, so it stays non-decreasing in T at
 * every k where the slices themselves are ordered (the calendar condition of Gatheral and Jacquier 2014, §2, holds
 * between slices; their density condition is only checked on the slices themselves). Outside
 * the slices, implied volatility is held flat in T at each k: w(k, T) = w₁(k)·T/T₁ before the first expiry and
 * w(k, T) = wₙ(k)·T/Tₙ after the last, so total variance still grows with T and reaches 0 at T = 0.
 * <p>
 * Construction checks structure only (at least one slice, finite and strictly increasing expiries); whether the
 * surface is free of arbitrage is for {@link SviArbitrageCheck} to say. Immutable; evaluations do not allocate.
 */
public final class VolatilitySurface
{
    private final double[] expiries;
    private final SviParameters[] parameters;
    private final List<SviSlice> slices;

    private VolatilitySurface(final List<SviSlice> slices)
    {
        this.slices = List.copyOf(slices);
        final int count = this.slices.size();
        this.expiries = new double[count];
        this.parameters = new SviParameters[count];
        for (int i = 0; i < count; i++)
        {
            expiries[i] = this.slices.get(i).expiryYears();
            parameters[i] = this.slices.get(i).parameters();
        }
    }

    /**
     * A surface of slices in strictly increasing order of expiry.
     *
     * @param slices at least one slice, expiries strictly increasing.
     * @return the surface.
     * @throws IllegalArgumentException if there is no slice, a slice is null or the expiries do not increase.
     */
    public static VolatilitySurface of(final List<SviSlice> slices)
    {
        if (slices == null || slices.isEmpty())
        {
            throw new IllegalArgumentException("a volatility surface needs at least one SVI slice");
        }
        double previous = 0.0;
        for (int i = 0; i < slices.size(); i++)
        {
            final SviSlice slice = slices.get(i);
            if (slice == null)
            {
                throw new IllegalArgumentException("SVI slice " + i + " is null");
            }
            if (i > 0 && !(slice.expiryYears() > previous))
            {
                throw new IllegalArgumentException("SVI slice expiries must increase strictly: slice " + i + " at " +
                    slice.expiryYears() + " years follows " + previous + " years");
            }
            previous = slice.expiryYears();
        }
        return new VolatilitySurface(slices);
    }

    /**
     * A surface of slices in strictly increasing order of expiry.
     *
     * @param slices at least one slice, expiries strictly increasing.
     * @return the surface.
     */
    public static VolatilitySurface of(final SviSlice... slices)
    {
        return of(slices == null ? null : Arrays.asList(slices));
    }

    /**
     * The slices, in increasing order of expiry.
     *
     * @return an unmodifiable list.
     */
    public List<SviSlice> slices()
    {
        return slices;
    }

    /**
     * The total implied variance at a log-moneyness and expiry.
     *
     * @param logMoneyness k = ln(K/F), finite.
     * @param expiryYears  T, finite and &gt; 0, years.
     * @return w(k, T) = σ_BS²·T, dimensionless.
     */
    public double totalVariance(final double logMoneyness, final double expiryYears)
    {
        PricingInputs.requireFinite("logMoneyness", logMoneyness);
        PricingInputs.requirePositive("expiryYears", expiryYears);
        final int last = expiries.length - 1;
        if (expiryYears <= expiries[0])
        {
            return parameters[0].totalVariance(logMoneyness) * (expiryYears / expiries[0]);
        }
        if (expiryYears >= expiries[last])
        {
            return parameters[last].totalVariance(logMoneyness) * (expiryYears / expiries[last]);
        }

        final int found = Arrays.binarySearch(expiries, expiryYears);
        if (found >= 0)
        {
            return parameters[found].totalVariance(logMoneyness);
        }
        final int after = -found - 1;
        final int before = after - 1;
        final double weight = (expiryYears - expiries[before]) / (expiries[after] - expiries[before]);
        final double earlier = parameters[before].totalVariance(logMoneyness);
        final double later = parameters[after].totalVariance(logMoneyness);
        return earlier + weight * (later - earlier);
    }

    /**
     * The implied volatility at a log-moneyness and expiry, √(w(k, T)/T).
     *
     * @param logMoneyness k = ln(K/F), finite.
     * @param expiryYears  T, finite and &gt; 0, years.
     * @return annual volatility; NaN where the total variance is negative, which only a surface that fails
     * {@link SviArbitrageCheck} can give.
     */
    public double impliedVolatility(final double logMoneyness, final double expiryYears)
    {
        return StrictMath.sqrt(totalVariance(logMoneyness, expiryYears) / expiryYears);
    }

    /**
     * The implied volatility of a strike against a forward, at k = ln(K/F).
     *
     * @param forward     forward price F &gt; 0, strike currency.
     * @param strike      strike K &gt; 0, strike currency.
     * @param expiryYears T &gt; 0, years.
     * @return annual volatility, as {@link #impliedVolatility(double, double)}.
     */
    public double impliedVolatilityForStrike(final double forward, final double strike, final double expiryYears)
    {
        PricingInputs.requirePositive("forward", forward);
        PricingInputs.requirePositive("strike", strike);
        return impliedVolatility(StrictMath.log(strike / forward), expiryYears);
    }
}
