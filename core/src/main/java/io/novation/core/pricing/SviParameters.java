package io.novation.core.pricing;

/**
 * Gatheral's raw SVI parameterization of one expiry's total implied variance as a function of log-moneyness
 * k = ln(K/F): w(k) = a + b·(ρ·(k − m) + √((k − m)² + σ²)), with w = σ_BS²·T dimensionless (Gatheral, "A
 * parsimonious arbitrage-free implied volatility parametrization", 2004; Gatheral and Jacquier, "Arbitrage-free SVI
 * volatility surfaces", Quantitative Finance 14(1), 2014, §3.1).
 * <p>
 * {@code a} shifts the level (total variance), {@code b} ≥ 0 sets the angle between the wings (total variance per
 * unit of log-moneyness), {@code rho} in (−1, 1) rotates the smile, {@code m} translates it (log-moneyness) and
 * {@code sigma} &gt; 0 rounds the vertex (log-moneyness). Construction only requires finite numbers: whether the
 * parameters are admissible and free of arbitrage is for {@link SviArbitrageCheck} to say, so that an engine can
 * reject a published surface with a reason rather than an exception.
 *
 * @param a     vertical level, total variance.
 * @param b     wing slope factor, total variance per unit of log-moneyness.
 * @param rho   rotation, dimensionless.
 * @param m     horizontal translation, log-moneyness.
 * @param sigma vertex smoothness, log-moneyness.
 */
public record SviParameters(double a, double b, double rho, double m, double sigma)
{
    /**
     * Requires every parameter to be finite.
     *
     * @param a     vertical level, total variance.
     * @param b     wing slope factor.
     * @param rho   rotation.
     * @param m     horizontal translation.
     * @param sigma vertex smoothness.
     */
    public SviParameters
    {
        PricingInputs.requireFinite("SVI a", a);
        PricingInputs.requireFinite("SVI b", b);
        PricingInputs.requireFinite("SVI rho", rho);
        PricingInputs.requireFinite("SVI m", m);
        PricingInputs.requireFinite("SVI sigma", sigma);
    }

    /**
     * Raw SVI parameters.
     *
     * @param a     vertical level, total variance.
     * @param b     wing slope factor, total variance per unit of log-moneyness.
     * @param rho   rotation, dimensionless.
     * @param m     horizontal translation, log-moneyness.
     * @param sigma vertex smoothness, log-moneyness.
     * @return the parameters.
     * @throws IllegalArgumentException if any is not finite.
     */
    public static SviParameters of(final double a, final double b, final double rho, final double m, final double sigma)
    {
        return new SviParameters(a, b, rho, m, sigma);
    }

    /**
     * The total implied variance w(k) = a + b·(ρ·(k − m) + √((k − m)² + σ²)).
     *
     * @param logMoneyness k = ln(K/F).
     * @return total variance σ_BS²·T (negative only for parameters that fail {@link SviArbitrageCheck}).
     */
    public double totalVariance(final double logMoneyness)
    {
        final double shifted = logMoneyness - m;
        return a + b * (rho * shifted + StrictMath.sqrt(shifted * shifted + sigma * sigma));
    }

    /**
     * The first derivative w'(k) = b·(ρ + (k − m)/√((k − m)² + σ²)).
     *
     * @param logMoneyness k = ln(K/F).
     * @return total variance per unit of log-moneyness.
     */
    public double totalVarianceSlope(final double logMoneyness)
    {
        final double shifted = logMoneyness - m;
        return b * (rho + shifted / StrictMath.sqrt(shifted * shifted + sigma * sigma));
    }

    /**
     * The second derivative w''(k) = b·σ²/((k − m)² + σ²)^{3/2}.
     *
     * @param logMoneyness k = ln(K/F).
     * @return total variance per unit of log-moneyness squared.
     */
    public double totalVarianceCurvature(final double logMoneyness)
    {
        final double shifted = logMoneyness - m;
        final double radiusSquared = shifted * shifted + sigma * sigma;
        return b * sigma * sigma / (radiusSquared * StrictMath.sqrt(radiusSquared));
    }

    /**
     * Gatheral and Jacquier's function g(k) = (1 − k·w'/(2w))² − (w'²/4)·(1/w + 1/4) + w''/2 (2014, eq. 2.1): the
     * risk-neutral density of the log-strike is g(k)/√(2π·w(k))·exp(−d₋(k)²/2), so a slice whose call prices
     * vanish at large strikes (d₊ → −∞ as k → +∞) is free of butterfly arbitrage if and only if g ≥ 0 everywhere
     * (their Lemma 2.2).
     *
     * @param logMoneyness k = ln(K/F), where w(k) &gt; 0.
     * @return g(k), dimensionless.
     */
    public double densityCondition(final double logMoneyness)
    {
        final double w = totalVariance(logMoneyness);
        final double slope = totalVarianceSlope(logMoneyness);
        final double skew = 1.0 - logMoneyness * slope / (2.0 * w);
        return skew * skew - 0.25 * slope * slope * (1.0 / w + 0.25) + 0.5 * totalVarianceCurvature(logMoneyness);
    }

    /**
     * The smallest total variance of the slice, a + b·σ·√(1 − ρ²), reached at k = m − ρσ/√(1 − ρ²); meaningful
     * for b ≥ 0 and |ρ| &lt; 1.
     *
     * @return total variance.
     */
    public double minimumTotalVariance()
    {
        return a + b * sigma * StrictMath.sqrt(1.0 - rho * rho);
    }

    /**
     * The implied volatility at a log-moneyness for this slice's expiry, √(w(k)/T).
     *
     * @param logMoneyness k = ln(K/F).
     * @param expiryYears  T &gt; 0, years.
     * @return annual volatility; NaN where w(k) &lt; 0.
     */
    public double impliedVolatility(final double logMoneyness, final double expiryYears)
    {
        PricingInputs.requirePositive("expiryYears", expiryYears);
        return StrictMath.sqrt(totalVariance(logMoneyness) / expiryYears);
    }
}
