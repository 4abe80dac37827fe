package io.novation.core.pricing;

import org.junit.jupiter.api.Test;

import static io.novation.core.pricing.OptionType.CALL;
import static io.novation.core.pricing.OptionType.PUT;
import static io.novation.core.pricing.Published.assertRelative;
import static io.novation.core.pricing.Published.assertRoundsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reproduces Haug's Black-76 example ("The Complete Guide to Option Pricing Formulas", §1.1.2: F 19, K 19, T 0.75,
 * r 10 %, σ 28 %, call = put = 1.7011) and 40-digit references (mpmath) for its Greeks.
 */
class Black76Test
{
    private static final double TIGHT = 1e-13;

    @Test
    void shouldReproduceHaugFuturesOptionExample()
    {
        final OptionGreeks call = Black76.greeks(CALL, 19, 19, 0.75, 0.10, 0.28);
        final OptionGreeks put = Black76.greeks(PUT, 19, 19, 0.75, 0.10, 0.28);

        assertRoundsTo("call", call.price(), "1.7011");
        assertRoundsTo("put", put.price(), "1.7011");
        assertRelative("call", call.price(), 1.7010507252362673, TIGHT);
        assertRelative("put", put.price(), 1.7010507252362673, TIGHT);
        assertRelative("call delta", call.delta(), 0.5086362359336519, TIGHT);
        assertRelative("put delta", put.delta(), -0.41910725039490099, TIGHT);
        assertRelative("gamma", call.gamma(), 0.079745034679121133, TIGHT);
        assertRelative("vega", call.vega(), 6.0454710790241737, TIGHT);
        assertRelative("call theta", call.theta(), -0.95838286222755245, TIGHT);
        assertRelative("put theta", put.theta(), -0.95838286222755245, TIGHT);
        // The forward does not move with the rate: ρ = −T·V.
        assertRelative("call rho", call.rho(), -0.75 * 1.7010507252362673, TIGHT);
        assertRelative("put rho", put.rho(), -0.75 * 1.7010507252362673, TIGHT);
    }

    @Test
    void shouldEqualBlackScholesMertonWithoutCarryExceptForRho()
    {
        final OptionGreeks black = Black76.greeks(PUT, 2_450.0, 2_600.0, 0.1, 0.045, 0.65);
        final OptionGreeks merton = BlackScholesMerton.greeks(PUT, 2_450.0, 2_600.0, 0.1, 0.045, 0.0, 0.65);

        assertThat(black.price()).isEqualTo(merton.price());
        assertThat(black.delta()).isEqualTo(merton.delta());
        assertThat(black.gamma()).isEqualTo(merton.gamma());
        assertThat(black.vega()).isEqualTo(merton.vega());
        assertThat(black.theta()).isEqualTo(merton.theta());
        assertThat(black.rho()).isEqualTo(-0.1 * black.price());
    }

    @Test
    void shouldKeepPutCallParityOnTheForward()
    {
        final double call = Black76.price(CALL, 3_000, 3_300, 0.25, 0.05, 0.8);
        final double put = Black76.price(PUT, 3_000, 3_300, 0.25, 0.05, 0.8);
        assertThat(call - put).isCloseTo(StrictMath.exp(-0.0125) * (3_000 - 3_300), within(1e-10));
    }

    @Test
    void shouldPayTheIntrinsicValueAtExpiryAndTheDiscountedOneWithoutVolatility()
    {
        assertThat(Black76.greeks(CALL, 110, 100, 0.0, 0.05, 0.5)).isEqualTo(
            new OptionGreeks(10.0, 1.0, 0.0, 0.0, 0.05 * 10.0, 0.0));
        assertThat(Black76.price(CALL, 110, 100, 1.0, 0.05, 0.0)).isCloseTo(10 * StrictMath.exp(-0.05), within(1e-12));
        assertThat(Black76.price(PUT, 110, 100, 1.0, 0.05, 0.0)).isZero();
    }

    @Test
    void shouldRejectInvalidArgumentsWithTheirNames()
    {
        assertThatThrownBy(() -> Black76.price(CALL, 0.0, 19, 0.75, 0.1, 0.28))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("forward must be finite and > 0: 0.0");
        assertThatThrownBy(() -> Black76.greeks(CALL, 19, Double.POSITIVE_INFINITY, 0.75, 0.1, 0.28))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("strike must be finite and > 0: Infinity");
        assertThatThrownBy(() -> Black76.greeks(CALL, 19, 19, Double.NaN, 0.1, 0.28))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("expiryYears must be finite and >= 0: NaN");
        assertThatThrownBy(() -> Black76.price(PUT, 19, 19, 0.75, 0.1, Double.NaN))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("volatility must be finite and >= 0: NaN");
        assertThatThrownBy(() -> Black76.impliedVolatility(PUT, 19, 19, 0.75, 0.1, Double.NEGATIVE_INFINITY))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("price must be finite: -Infinity");
    }
}
