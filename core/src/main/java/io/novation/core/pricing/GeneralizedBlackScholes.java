package io.novation.core.pricing;

/**
 * The generalized Black-Scholes-Merton formula with a cost of carry b (Haug, "The Complete Guide to Option Pricing
 * Formulas", 2nd ed., §1.1.6), shared by {@link BlackScholesMerton} and {@link Black76} (b = 0 on a forward).
 * Arguments are validated by the callers; prices in strike currency, times in years, rates per year.
 */
final class GeneralizedBlackScholes
{
    private GeneralizedBlackScholes()
    {
    }

    /**
     * The option price: c = S·e^{(b−r)T}·N(d1) − K·e^{−rT}·N(d2), p = K·e^{−rT}·N(−d2) − S·e^{(b−r)T}·N(−d1),
     * with d1 = (ln(S/K) + (b + σ²/2)·T)/(σ√T) and d2 = d1 − σ√T; the discounted forward intrinsic value when
     * σ√T = 0. Never negative: a difference that rounds below zero is returned as 0.
     */
    static double price(
        final OptionType type,
        final double underlying,
        final double strike,
        final double expiryYears,
        final double rate,
        final double carry,
        final double volatility)
    {
        final double carryFactor = StrictMath.exp((carry - rate) * expiryYears);
        final double discountFactor = StrictMath.exp(-rate * expiryYears);
        final double weightedUnderlying = underlying * carryFactor;
        final double weightedStrike = strike * discountFactor;
        final double totalVolatility = volatility * StrictMath.sqrt(expiryYears);
        if (!(totalVolatility > 0.0))
        {
            return type == OptionType.CALL ?
                Math.max(weightedUnderlying - weightedStrike, 0.0) :
                Math.max(weightedStrike - weightedUnderlying, 0.0);
        }

        final double d1 = (StrictMath.log(underlying / strike) + carry * expiryYears) / totalVolatility +
            0.5 * totalVolatility;
        final double d2 = d1 - totalVolatility;
        final double price = type == OptionType.CALL ?
            weightedUnderlying * NormalDistribution.cdf(d1) - weightedStrike * NormalDistribution.cdf(d2) :
            weightedStrike * NormalDistribution.cdf(-d2) - weightedUnderlying * NormalDistribution.cdf(-d1);
        return Math.max(price, 0.0); // a deep out-of-the-money difference may round below zero
    }

    /**
     * The price and Greeks (Haug §2.1). With σ√T = 0 the normal terms take their limits: N(d) is 1, 0 or ½ as the
     * discounted forward S·e^{(b−r)T} is above, below or at the discounted strike K·e^{−rT}, φ(d) is 0 away from the
     * strike and φ(0) at it (so vega keeps its finite limit S·e^{(b−r)T}·φ(0)·√T when σ = 0), and gamma and the
     * σ/(2√T) term of theta, which are Dirac masses at the strike, are reported as 0.
     *
     * @param rhoHoldsForward true for ρ = −T·V (Black-76: the forward does not move with the rate); false for
     *                        ρ = ±T·K·e^{−rT}·N(±d2) (Black-Scholes-Merton: the carry b moves one-for-one with the
     *                        rate, that is the dividend yield r − b is held fixed).
     */
    static OptionGreeks greeks(
        final OptionType type,
        final double underlying,
        final double strike,
        final double expiryYears,
        final double rate,
        final double carry,
        final double volatility,
        final boolean rhoHoldsForward)
    {
        final double carryFactor = StrictMath.exp((carry - rate) * expiryYears);
        final double discountFactor = StrictMath.exp(-rate * expiryYears);
        final double weightedUnderlying = underlying * carryFactor;
        final double weightedStrike = strike * discountFactor;
        final double sqrtExpiry = StrictMath.sqrt(expiryYears);
        final double totalVolatility = volatility * sqrtExpiry;

        final double cdfD1;
        final double cdfD2;
        final double cdfMinusD1;
        final double cdfMinusD2;
        final double densityD1;
        final double gamma;
        final double timeDecayOfVolatility;
        if (totalVolatility > 0.0)
        {
            final double d1 = (StrictMath.log(underlying / strike) + carry * expiryYears) / totalVolatility +
                0.5 * totalVolatility;
            final double d2 = d1 - totalVolatility;
            cdfD1 = NormalDistribution.cdf(d1);
            cdfD2 = NormalDistribution.cdf(d2);
            cdfMinusD1 = NormalDistribution.cdf(-d1);
            cdfMinusD2 = NormalDistribution.cdf(-d2);
            densityD1 = NormalDistribution.density(d1);
            gamma = carryFactor * densityD1 / (underlying * totalVolatility);
            timeDecayOfVolatility = weightedUnderlying * densityD1 * volatility / (2.0 * sqrtExpiry);
        }
        else
        {
            final double forwardIntrinsic = weightedUnderlying - weightedStrike;
            final double step = forwardIntrinsic > 0.0 ? 1.0 : forwardIntrinsic < 0.0 ? 0.0 : 0.5;
            cdfD1 = step;
            cdfD2 = step;
            cdfMinusD1 = 1.0 - step;
            cdfMinusD2 = 1.0 - step;
            densityD1 = forwardIntrinsic == 0.0 ? NormalDistribution.INVERSE_SQRT_TWO_PI : 0.0;
            gamma = 0.0;
            timeDecayOfVolatility = 0.0;
        }

        final double vega = weightedUnderlying * densityD1 * sqrtExpiry;
        final double price;
        final double delta;
        final double theta;
        final double strikeRho;
        if (type == OptionType.CALL)
        {
            price = Math.max(weightedUnderlying * cdfD1 - weightedStrike * cdfD2, 0.0);
            delta = carryFactor * cdfD1;
            theta = -timeDecayOfVolatility - (carry - rate) * weightedUnderlying * cdfD1 -
                rate * weightedStrike * cdfD2;
            strikeRho = expiryYears * weightedStrike * cdfD2;
        }
        else
        {
            price = Math.max(weightedStrike * cdfMinusD2 - weightedUnderlying * cdfMinusD1, 0.0);
            delta = 0.0 - carryFactor * cdfMinusD1; // 0.0 − x: no negative zero
            theta = -timeDecayOfVolatility + (carry - rate) * weightedUnderlying * cdfMinusD1 +
                rate * weightedStrike * cdfMinusD2;
            strikeRho = 0.0 - expiryYears * weightedStrike * cdfMinusD2;
        }

        final double rho = rhoHoldsForward ? 0.0 - expiryYears * price : strikeRho;
        return new OptionGreeks(price, delta, gamma, vega, theta, rho);
    }
}
