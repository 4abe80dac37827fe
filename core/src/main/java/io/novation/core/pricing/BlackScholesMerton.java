package io.novation.core.pricing;

/**
 * The generalized Black-Scholes-Merton model of a European option on a spot price S with a cost of carry b (Haug,
 * "The Complete Guide to Option Pricing Formulas", §1.1.6): b = r for a stock without dividends (Black-Scholes
 * 1973), b = r − q for a continuous dividend yield q (Merton 1973), b = r − r_f for a currency (Garman-Kohlhagen)
 * and b = 0 for an option on a future (Black 1976, see {@link Black76} for that model's own rho).
 * <p>
 * Units: spot and strike in strike currency; expiry in years; rate, carry and volatility per year as decimal
 * fractions, continuously compounded. Prices in strike currency per option; Greeks as in {@link OptionGreeks},
 * with delta and gamma with respect to the spot and rho = ∂V/∂r holding the dividend yield r − b fixed (the carry
 * moves one-for-one with the rate): call ρ = T·K·e^{−rT}·N(d2), put ρ = −T·K·e^{−rT}·N(−d2).
 * <p>
 * Arguments: spot and strike finite and &gt; 0; expiry and volatility finite and ≥ 0 (T = 0 gives the payoff,
 * σ = 0 the discounted forward intrinsic value); rate and carry finite, of any sign. Anything else is an
 * {@link IllegalArgumentException} naming the argument.
 */
public final class BlackScholesMerton
{
    private BlackScholesMerton()
    {
    }

    /**
     * The present value of one option: c = S·e^{(b−r)T}·N(d1) − K·e^{−rT}·N(d2),
     * p = K·e^{−rT}·N(−d2) − S·e^{(b−r)T}·N(−d1), d1 = (ln(S/K) + (b + σ²/2)T)/(σ√T), d2 = d1 − σ√T.
     *
     * @param type        call or put.
     * @param spot        spot price S, strike currency.
     * @param strike      strike K, strike currency.
     * @param expiryYears time to expiry T, years.
     * @param rate        risk-free rate r per year.
     * @param carry       cost of carry b per year.
     * @param volatility  volatility σ per year.
     * @return the price, strike currency, never negative.
     */
    public static double price(
        final OptionType type,
        final double spot,
        final double strike,
        final double expiryYears,
        final double rate,
        final double carry,
        final double volatility)
    {
        validate(type, spot, strike, expiryYears, rate, carry);
        PricingInputs.requireNonNegative("volatility", volatility);
        return GeneralizedBlackScholes.price(type, spot, strike, expiryYears, rate, carry, volatility);
    }

    /**
     * The present value and Greeks of one option.
     *
     * @param type        call or put.
     * @param spot        spot price S, strike currency.
     * @param strike      strike K, strike currency.
     * @param expiryYears time to expiry T, years.
     * @param rate        risk-free rate r per year.
     * @param carry       cost of carry b per year.
     * @param volatility  volatility σ per year.
     * @return price, delta and gamma in the spot, vega per 1.00 of volatility, theta per year, rho per 1.00 of rate.
     */
    public static OptionGreeks greeks(
        final OptionType type,
        final double spot,
        final double strike,
        final double expiryYears,
        final double rate,
        final double carry,
        final double volatility)
    {
        validate(type, spot, strike, expiryYears, rate, carry);
        PricingInputs.requireNonNegative("volatility", volatility);
        return GeneralizedBlackScholes.greeks(type, spot, strike, expiryYears, rate, carry, volatility, false);
    }

    /**
     * The volatility that reproduces a price, with F = S·e^{bT} and the discount factor e^{−rT}; see
     * {@link ImpliedVolatility} for the bounds and failure statuses.
     *
     * @param type        call or put.
     * @param spot        spot price S, strike currency.
     * @param strike      strike K, strike currency.
     * @param expiryYears time to expiry T, years.
     * @param rate        risk-free rate r per year.
     * @param carry       cost of carry b per year.
     * @param price       present value of the option, strike currency, finite.
     * @return the implied volatility per year, or why there is none.
     */
    public static ImpliedVolatility impliedVolatility(
        final OptionType type,
        final double spot,
        final double strike,
        final double expiryYears,
        final double rate,
        final double carry,
        final double price)
    {
        validate(type, spot, strike, expiryYears, rate, carry);
        PricingInputs.requireFinite("price", price);
        final double forward = spot * StrictMath.exp(carry * expiryYears);
        PricingInputs.requirePositive("forward S·e^{bT}", forward);
        final double discountFactor = StrictMath.exp(-rate * expiryYears);
        PricingInputs.requirePositive("discount factor e^{-rT}", discountFactor);
        return ImpliedVolatilitySolver.solve(type, forward, strike, expiryYears, discountFactor, price);
    }

    private static void validate(
        final OptionType type,
        final double spot,
        final double strike,
        final double expiryYears,
        final double rate,
        final double carry)
    {
        PricingInputs.requireType(type);
        PricingInputs.requirePositive("spot", spot);
        PricingInputs.requirePositive("strike", strike);
        PricingInputs.requireNonNegative("expiryYears", expiryYears);
        PricingInputs.requireFinite("rate", rate);
        PricingInputs.requireFinite("carry", carry);
    }
}
