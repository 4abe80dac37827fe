package io.novation.core.pricing;

/**
 * The right a European option gives: to buy ({@link #CALL}) or to sell ({@link #PUT}) the underlying at the
 * strike on the expiry date.
 */
public enum OptionType
{
    /**
     * The right to buy the underlying at the strike: payoff max(S − K, 0).
     */
    CALL,

    /**
     * The right to sell the underlying at the strike: payoff max(K − S, 0).
     */
    PUT;

    /**
     * The payoff of one option at expiry.
     *
     * @param underlying underlying price at expiry, in strike currency.
     * @param strike     strike, in strike currency.
     * @return the payoff, in strike currency, never negative.
     */
    public double payoff(final double underlying, final double strike)
    {
        return this == CALL ? Math.max(underlying - strike, 0.0) : Math.max(strike - underlying, 0.0);
    }
}
