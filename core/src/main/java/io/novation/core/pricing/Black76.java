package io.novation.core.pricing;

/**
 * Black's 1976 model of a European option on a forward (or futures) price F, discounted at the risk-free rate
 * (Black, "The pricing of commodity contracts", 1976; Haug, "The Complete Guide to Option Pricing Formulas",
 * §1.1.2): the generalized Black-Scholes-Merton formula with S = F and cost of carry b = 0.
 * <p>
 * Units: forward and strike in strike currency; expiry in years; rate and volatility per year as decimal
 * fractions, continuously compounded. Prices in strike currency per option; Greeks as in {@link OptionGreeks}, with
 * delta and gamma with respect to the forward, theta with the forward held fixed, and rho = ∂V/∂r with the forward
 * held fixed: ρ = −T·V (only the discounting moves).
 * <p>
 * Arguments: forward and strike finite and &gt; 0; expiry and volatility finite and ≥ 0 (T = 0 gives the payoff,
 * σ = 0 the discounted intrinsic value); rate finite, of any sign. Anything else is an
 * {@link IllegalArgumentException} naming the argument.
 */
public final class Black76
{
    private static final double NO_CARRY = 0.0;

    private Black76()
    {
    }

    /**
     * The present value of one option: c = e^{−rT}·(F·N(d1) − K·N(d2)), p = e^{−rT}·(K·N(−d2) − F·N(−d1)),
     * d1 = (ln(F/K) + σ²T/2)/(σ√T), d2 = d1 − σ√T.
     *
     * @param type        call or put.
     * @param forward     forward price F, strike currency.
     * @param strike      strike K, strike currency.
     * @param expiryYears time to expiry T, years.
     * @param rate        risk-free rate r per year, for discounting.
     * @param volatility  volatility σ of the forward per year.
     * @return the price, strike currency, never negative.
     */
    public static double price(
        final OptionType type,
        final double forward,
        final double strike,
        final double expiryYears,
        final double rate,
        final double volatility)
    {
        validate(type, forward, strike, expiryYears, rate);
        PricingInputs.requireNonNegative("volatility", volatility);
        return GeneralizedBlackScholes.price(type, forward, strike, expiryYears, rate, NO_CARRY, volatility);
    }

    /**
     * The present value and Greeks of one option.
     *
     * @param type        call or put.
     * @param forward     forward price F, strike currency.
     * @param strike      strike K, strike currency.
     * @param expiryYears time to expiry T, years.
     * @param rate        risk-free rate r per year, for discounting.
     * @param volatility  volatility σ of the forward per year.
     * @return price, delta and gamma in the forward, vega per 1.00 of volatility, theta per year, rho per 1.00 of
     * rate.
     */
    public static OptionGreeks greeks(
        final OptionType type,
        final double forward,
        final double strike,
        final double expiryYears,
        final double rate,
        final double volatility)
    {
        validate(type, forward, strike, expiryYears, rate);
        PricingInputs.requireNonNegative("volatility", volatility);
        return GeneralizedBlackScholes.greeks(type, forward, strike, expiryYears, rate, NO_CARRY, volatility, true);
    }

    /**
     * The volatility of the forward that reproduces a price; see {@link ImpliedVolatility} for the bounds and
     * failure statuses.
     *
     * @param type        call or put.
     * @param forward     forward price F, strike currency.
     * @param strike      strike K, strike currency.
     * @param expiryYears time to expiry T, years.
     * @param rate        risk-free rate r per year, for discounting.
     * @param price       present value of the option, strike currency, finite.
     * @return the implied volatility per year, or why there is none.
     */
    public static ImpliedVolatility impliedVolatility(
        final OptionType type,
        final double forward,
        final double strike,
        final double expiryYears,
        final double rate,
        final double price)
    {
        validate(type, forward, strike, expiryYears, rate);
        PricingInputs.requireFinite("price", price);
        final double discountFactor = StrictMath.exp(-rate * expiryYears);
        PricingInputs.requirePositive("discount factor e^{-rT}", discountFactor);
        return ImpliedVolatilitySolver.solve(type, forward, strike, expiryYears, discountFactor, price);
    }

    private static void validate(
        final OptionType type,
        final double forward,
        final double strike,
        final double expiryYears,
        final double rate)
    {
        PricingInputs.requireType(type);
        PricingInputs.requirePositive("forward", forward);
        PricingInputs.requirePositive("strike", strike);
        PricingInputs.requireNonNegative("expiryYears", expiryYears);
        PricingInputs.requireFinite("rate", rate);
    }
}
