package io.novation.core.pricing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every Greek is the derivative it claims to be: compared with central finite differences of the price (gamma with
 * those of delta), with the conventions of {@link OptionGreeks}: vega per 1.00 of volatility, theta = −∂V/∂T per
 * year, rho per 1.00 of rate with the dividend yield r − b held fixed for Black-Scholes-Merton and the forward held
 * fixed for Black-76.
 */
class GreeksPropertiesTest
{
    private static final double SPOT = 100.0;

    @Property(tries = 1500)
    void shouldMatchFiniteDifferencesForBlackScholesMerton(
        @ForAll final OptionType type,
        @ForAll @DoubleRange(min = -1.0, max = 1.0) @Scale(10) final double logMoneyness,
        @ForAll @DoubleRange(min = 0.05, max = 1.5) @Scale(10) final double volatility,
        @ForAll @DoubleRange(min = 0.02, max = 5.0) @Scale(10) final double expiry,
        @ForAll @DoubleRange(min = -0.02, max = 0.10) @Scale(10) final double rate,
        @ForAll @DoubleRange(min = -0.10, max = 0.10) @Scale(10) final double carry)
    {
        final double strike = SPOT * StrictMath.exp(logMoneyness);
        final OptionGreeks greeks = BlackScholesMerton.greeks(type, SPOT, strike, expiry, rate, carry, volatility);

        // Bumps scaled to the width of the distribution, S·σ√T, so that O(h²) stays small at the money near expiry.
        final double ds = 1e-4 * SPOT * volatility * StrictMath.sqrt(expiry);
        assertDerivative("delta", greeks.delta(),
            (BlackScholesMerton.price(type, SPOT + ds, strike, expiry, rate, carry, volatility) -
            BlackScholesMerton.price(type, SPOT - ds, strike, expiry, rate, carry, volatility)) / (2 * ds));
        assertDerivative("gamma", greeks.gamma(),
            (BlackScholesMerton.greeks(type, SPOT + ds, strike, expiry, rate, carry, volatility).delta() -
            BlackScholesMerton.greeks(type, SPOT - ds, strike, expiry, rate, carry, volatility).delta()) / (2 * ds));
        final double dv = 1e-6;
        assertDerivative("vega", greeks.vega(),
            (BlackScholesMerton.price(type, SPOT, strike, expiry, rate, carry, volatility + dv) -
            BlackScholesMerton.price(type, SPOT, strike, expiry, rate, carry, volatility - dv)) / (2 * dv));
        final double dt = 1e-6;
        assertDerivative("theta", greeks.theta(),
            -(BlackScholesMerton.price(type, SPOT, strike, expiry + dt, rate, carry, volatility) -
            BlackScholesMerton.price(type, SPOT, strike, expiry - dt, rate, carry, volatility)) / (2 * dt));
        final double dr = 1e-6;
        assertDerivative("rho", greeks.rho(),
            (BlackScholesMerton.price(type, SPOT, strike, expiry, rate + dr, carry + dr, volatility) -
            BlackScholesMerton.price(type, SPOT, strike, expiry, rate - dr, carry - dr, volatility)) / (2 * dr));
    }

    @Property(tries = 1500)
    void shouldMatchFiniteDifferencesForBlack76(
        @ForAll final OptionType type,
        @ForAll @DoubleRange(min = -1.0, max = 1.0) @Scale(10) final double logMoneyness,
        @ForAll @DoubleRange(min = 0.05, max = 1.5) @Scale(10) final double volatility,
        @ForAll @DoubleRange(min = 0.02, max = 5.0) @Scale(10) final double expiry,
        @ForAll @DoubleRange(min = -0.02, max = 0.10) @Scale(10) final double rate)
    {
        final double forward = SPOT;
        final double strike = forward * StrictMath.exp(logMoneyness);
        final OptionGreeks greeks = Black76.greeks(type, forward, strike, expiry, rate, volatility);

        final double df = 1e-4 * forward * volatility * StrictMath.sqrt(expiry);
        assertDerivative("delta", greeks.delta(),
            (Black76.price(type, forward + df, strike, expiry, rate, volatility) -
            Black76.price(type, forward - df, strike, expiry, rate, volatility)) / (2 * df));
        assertDerivative("gamma", greeks.gamma(),
            (Black76.greeks(type, forward + df, strike, expiry, rate, volatility).delta() -
            Black76.greeks(type, forward - df, strike, expiry, rate, volatility).delta()) / (2 * df));
        final double dv = 1e-6;
        assertDerivative("vega", greeks.vega(),
            (Black76.price(type, forward, strike, expiry, rate, volatility + dv) -
            Black76.price(type, forward, strike, expiry, rate, volatility - dv)) / (2 * dv));
        final double dt = 1e-6;
        assertDerivative("theta", greeks.theta(),
            -(Black76.price(type, forward, strike, expiry + dt, rate, volatility) -
            Black76.price(type, forward, strike, expiry - dt, rate, volatility)) / (2 * dt));
        final double dr = 1e-6;
        assertDerivative("rho", greeks.rho(),
            (Black76.price(type, forward, strike, expiry, rate + dr, volatility) -
            Black76.price(type, forward, strike, expiry, rate - dr, volatility)) / (2 * dr));
    }

    /**
     * Central differences are exact to O(h²) plus rounding of about 1e-16·V/h: within 1e-6 of 1 + |Greek|.
     */
    private static void assertDerivative(final String greek, final double analytic, final double finiteDifference)
    {
        assertThat(analytic).as(greek).isCloseTo(finiteDifference, within(1e-6 * (1.0 + Math.abs(analytic))));
    }
}
