package io.novation.core.pricing;

/**
 * The first way a volatility surface admits arbitrage, as found by {@link SviArbitrageCheck}: which condition
 * fails, at which expiry (years) and log-moneyness k = ln(K/F), and by how much (in the condition's own units), so
 * that an engine can reject the surface with a message.
 *
 * @param kind         the family of the failed condition.
 * @param expiryYears  the expiry of the offending slice (the later one of a calendar pair), years.
 * @param logMoneyness where the condition fails, k = ln(K/F); NaN for a parameter condition.
 * @param amount       how far the condition is violated, &gt; 0: for a parameter its shortfall, for a butterfly
 *                     −g(k), for a calendar pair the fall in total variance w(k, T₁) − w(k, T₂).
 * @param condition    the condition that fails, for example {@code "g(k) >= 0"}.
 */
public record ArbitrageViolation(Kind kind, double expiryYears, double logMoneyness, double amount, String condition)
{
    /**
     * Families of arbitrage conditions.
     */
    public enum Kind
    {
        /**
         * The SVI parameters are outside their admissible domain: b ≥ 0, |ρ| &lt; 1, σ &gt; 0, a non-negative minimum
         * total variance a + b·σ·√(1 − ρ²), and wings no steeper than Lee's moment bound b·(1 + |ρ|) ≤ 2.
         */
        PARAMETERS,

        /**
         * A slice implies a negative risk-neutral density: Gatheral and Jacquier's g(k) &lt; 0, so some butterfly
         * spread has a negative price.
         */
        BUTTERFLY,

        /**
         * Total implied variance falls from one expiry to the next at some k, so some calendar spread has a negative
         * price.
         */
        CALENDAR
    }

    /**
     * Requires a kind and a condition.
     *
     * @param kind         family of the failed condition.
     * @param expiryYears  expiry of the offending slice, years.
     * @param logMoneyness where the condition fails, or NaN.
     * @param amount       how far the condition is violated.
     * @param condition    the condition that fails.
     */
    public ArbitrageViolation
    {
        if (kind == null || condition == null)
        {
            throw new IllegalArgumentException("an arbitrage violation needs a kind and a condition");
        }
    }

    /**
     * A one-line description for a rejection message, for example
     * {@code "BUTTERFLY arbitrage at expiry 0.99 years, k = 0.88: g(k) >= 0 fails by 0.0329"}.
     *
     * @return the description.
     */
    public String describe()
    {
        final StringBuilder text = new StringBuilder(96).append(kind).append(" arbitrage at expiry ")
            .append(expiryYears).append(" years");
        if (!Double.isNaN(logMoneyness))
        {
            text.append(", k = ").append(logMoneyness);
        }
        return text.append(": ").append(condition).append(" fails by ").append(amount).toString();
    }
}
