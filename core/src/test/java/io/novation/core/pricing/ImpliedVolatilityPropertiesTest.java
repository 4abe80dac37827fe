package io.novation.core.pricing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Price → implied volatility → price round trips over strikes from 1/55 to 55 times the forward, expiries from an
 * hour to ten years and volatilities from 1 % to 400 %.
 * <p>
 * A price can only give back its volatility where it still carries it: cases whose time value has underflowed, or is
 * below 1e-10 of an in-the-money price (lost to rounding in the intrinsic value), are skipped. Everywhere else the
 * solver must succeed within 20 iterations (a million random cases took at most 16) and reproduce the price to
 * 1e-13 of the forward absolute (the price is a difference of terms of the forward's size, so its rounding is a few
 * 1e-16 of the forward) and to 1e-7 relative (far out of the money, at prices like 1e-90 or 1e-240, the pricer's own
 * rounding reaches 1e-9 to 1e-8 relative: its two terms are many orders larger than their difference). The
 * volatility itself must come back to 1e-9 relative wherever it is well determined by the price: the time value is
 * at least 1e-3 of the price and vega·σ at least 1e-3 of it (a million random cases gave at most 3.4e-11 there).
 */
class ImpliedVolatilityPropertiesTest
{
    private static final double FORWARD = 100.0;

    @Property(tries = 3000)
    void shouldRoundTripPriceThroughImpliedVolatility(
        @ForAll final OptionType type,
        @ForAll @DoubleRange(min = -4.0, max = 4.0) @Scale(12) final double logMoneyness,
        @ForAll("volatilities") final double volatility,
        @ForAll("expiries") final double expiryYears,
        @ForAll @DoubleRange(min = -0.02, max = 0.10) @Scale(12) final double rate)
    {
        final double strike = FORWARD * StrictMath.exp(logMoneyness);
        final double price = Black76.price(type, FORWARD, strike, expiryYears, rate, volatility);
        final double timeValue = price - StrictMath.exp(-rate * expiryYears) * type.payoff(FORWARD, strike);
        Assume.that(timeValue > 1e-280 && timeValue >= 1e-10 * price);

        final ImpliedVolatility implied = Black76.impliedVolatility(type, FORWARD, strike, expiryYears, rate, price);

        assertThat(implied.status()).isEqualTo(ImpliedVolatility.Status.SOLVED);
        assertThat(implied.iterations()).isLessThanOrEqualTo(20);
        final double repriced = Black76.price(type, FORWARD, strike, expiryYears, rate, implied.volatility());
        assertThat(repriced).isCloseTo(price, within(1e-7 * price));
        assertThat(repriced).isCloseTo(price, within(1e-13 * FORWARD));

        final double vega = Black76.greeks(type, FORWARD, strike, expiryYears, rate, volatility).vega();
        if (timeValue >= 1e-3 * price && vega * volatility >= 1e-3 * price)
        {
            assertThat(implied.volatility()).isCloseTo(volatility, within(1e-9 * volatility));
        }
    }

    @Property(tries = 1000)
    void shouldRoundTripThroughBlackScholesMertonWithCarry(
        @ForAll final OptionType type,
        @ForAll @DoubleRange(min = -1.5, max = 1.5) @Scale(12) final double logMoneyness,
        @ForAll @DoubleRange(min = 0.05, max = 2.0) @Scale(12) final double volatility,
        @ForAll("expiries") final double expiryYears,
        @ForAll @DoubleRange(min = -0.02, max = 0.10) @Scale(12) final double rate,
        @ForAll @DoubleRange(min = -0.10, max = 0.10) @Scale(12) final double carry)
    {
        final double spot = 50.0;
        final double strike = spot * StrictMath.exp(logMoneyness);
        final double price = BlackScholesMerton.price(type, spot, strike, expiryYears, rate, carry, volatility);
        final double forward = spot * StrictMath.exp(carry * expiryYears);
        final double timeValue = price - StrictMath.exp(-rate * expiryYears) * type.payoff(forward, strike);
        Assume.that(timeValue > 1e-280 && timeValue >= 1e-10 * price);

        final ImpliedVolatility implied =
            BlackScholesMerton.impliedVolatility(type, spot, strike, expiryYears, rate, carry, price);

        assertThat(implied.status()).isEqualTo(ImpliedVolatility.Status.SOLVED);
        final double repriced =
            BlackScholesMerton.price(type, spot, strike, expiryYears, rate, carry, implied.volatility());
        assertThat(repriced).isCloseTo(price, within(1e-9 * price));
    }

    @Provide
    Arbitrary<Double> volatilities()
    {
        return logUniform(0.01, 4.0);
    }

    @Provide
    Arbitrary<Double> expiries()
    {
        return logUniform(1.0 / 8_760.0, 10.0);
    }

    private static Arbitrary<Double> logUniform(final double min, final double max)
    {
        final double logRatio = StrictMath.log(max / min);
        return Arbitraries.doubles().between(0.0, 1.0).ofScale(15)
            .map(fraction -> Math.min(min * StrictMath.exp(fraction * logRatio), max));
    }
}
