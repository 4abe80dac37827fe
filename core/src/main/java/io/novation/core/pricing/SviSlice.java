package io.novation.core.pricing;

/**
 * One expiry of a volatility surface: its time to expiry in years and the raw SVI parameters of its total implied
 * variance.
 *
 * @param expiryYears time to expiry T, years, finite and &gt; 0.
 * @param parameters  the raw SVI parameters of w(k) = σ_BS(k)²·T.
 */
public record SviSlice(double expiryYears, SviParameters parameters)
{
    /**
     * Validates the expiry and requires parameters.
     *
     * @param expiryYears time to expiry, years.
     * @param parameters  raw SVI parameters.
     */
    public SviSlice
    {
        PricingInputs.requirePositive("expiryYears", expiryYears);
        if (parameters == null)
        {
            throw new IllegalArgumentException("SVI parameters must not be null");
        }
    }

    /**
     * A slice.
     *
     * @param expiryYears time to expiry T, years.
     * @param parameters  raw SVI parameters.
     * @return the slice.
     */
    public static SviSlice of(final double expiryYears, final SviParameters parameters)
    {
        return new SviSlice(expiryYears, parameters);
    }

    /**
     * The total implied variance at a log-moneyness.
     *
     * @param logMoneyness k = ln(K/F).
     * @return w(k), dimensionless.
     */
    public double totalVariance(final double logMoneyness)
    {
        return parameters.totalVariance(logMoneyness);
    }
}
