package io.novation.core.pricing;

import io.novation.core.pricing.ImpliedVolatility.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.novation.core.pricing.OptionType.CALL;
import static io.novation.core.pricing.OptionType.PUT;
import static io.novation.core.pricing.Published.assertRoundsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Implied volatility: Hull's example, the extremes (deep in and out of the money, an hour to expiry) and every
 * failure status.
 */
class ImpliedVolatilityTest
{
    @Test
    void shouldReproduceHullImpliedVolatilityExample()
    {
        // Hull: a call worth 1.875 with S 21, K 20, r 10 %, T 0.25 implies σ ≈ 23.5 %.
        final ImpliedVolatility implied = BlackScholesMerton.impliedVolatility(CALL, 21, 20, 0.25, 0.10, 0.10, 1.875);

        assertThat(implied.status()).isEqualTo(Status.SOLVED);
        assertThat(implied.isSolved()).isTrue();
        assertRoundsTo("implied volatility", implied.volatility(), "0.234513");
        assertThat(implied.volatility()).isCloseTo(0.2345129139976437807, within(1e-14));
        assertThat(implied.iterations()).isBetween(1, 10);
    }

    @Test
    void shouldInvertHaugBlack76Example()
    {
        final double price = Black76.price(PUT, 19, 19, 0.75, 0.10, 0.28);
        assertThat(Black76.impliedVolatility(PUT, 19, 19, 0.75, 0.10, price).volatility())
            .isCloseTo(0.28, within(1e-14));
        assertThat(Black76.impliedVolatility(CALL, 19, 19, 0.75, 0.10, 1.7011).volatility())
            .isCloseTo(0.28, within(1e-5));
    }

    @ParameterizedTest(name = "{0} F={1} K={2} T={3} σ={4}")
    @CsvSource({
        "CALL, 100,  300,  1.0,       0.2",     // far out of the money: price about 1e-8
        "PUT,  100,   40,  1.0,       0.25",    // far out of the money put
        "CALL, 100,   50,  1.0,       0.6",     // deep in the money
        "PUT,  100,  200,  2.0,       0.5",     // deep in the money put
        "CALL, 100,  101,  0.000114,  0.8",     // one hour to expiry
        "PUT,  100,   99,  0.000114,  0.8",     // one hour to expiry
        "CALL, 100,  100,  0.000114,  0.01",    // at the money, one hour, low volatility
        "CALL, 100,  100,  10.0,      3.0",     // long and very volatile
        "CALL, 100, 1000,  0.1,       2.0",     // ten times the forward, crypto-like volatility
        "PUT,  100,    1,  5.0,       1.5",     // a strike at 1 % of the forward
        "CALL, 100,  100,  1.0,       1e-5",    // almost no volatility
    })
    void shouldRecoverTheVolatilityAtTheExtremes(
        final OptionType type,
        final double forward,
        final double strike,
        final double expiryYears,
        final double volatility)
    {
        final double price = Black76.price(type, forward, strike, expiryYears, 0.03, volatility);
        final ImpliedVolatility implied = Black76.impliedVolatility(type, forward, strike, expiryYears, 0.03, price);

        assertThat(implied.status()).isEqualTo(Status.SOLVED);
        assertThat(implied.volatility()).isCloseTo(volatility, within(volatility * 1e-9));
        assertThat(implied.iterations()).isLessThan(ImpliedVolatilitySolver.MAX_ITERATIONS);
    }

    @Test
    void shouldFindNoSolutionOutsideTheNoArbitrageBounds()
    {
        final double discount = StrictMath.exp(-0.05);
        // Below the discounted intrinsic value of an in-the-money call.
        assertThat(Black76.impliedVolatility(CALL, 110, 100, 1.0, 0.05, 10 * discount * 0.999).status())
            .isEqualTo(Status.NO_SOLUTION);
        // Negative.
        assertThat(Black76.impliedVolatility(PUT, 110, 100, 1.0, 0.05, -0.01).status()).isEqualTo(Status.NO_SOLUTION);
        // At or above the discounted forward for a call, the discounted strike for a put.
        assertThat(Black76.impliedVolatility(CALL, 110, 100, 1.0, 0.05, 110 * discount).status())
            .isEqualTo(Status.NO_SOLUTION);
        assertThat(Black76.impliedVolatility(PUT, 110, 100, 1.0, 0.05, 100 * discount * 1.001).status())
            .isEqualTo(Status.NO_SOLUTION);
        // At expiry the price does not depend on volatility.
        assertThat(Black76.impliedVolatility(CALL, 110, 100, 0.0, 0.05, 10.0).status()).isEqualTo(Status.NO_SOLUTION);

        final ImpliedVolatility none = BlackScholesMerton.impliedVolatility(CALL, 42, 40, 0.5, 0.1, 0.1, 100.0);
        assertThat(none.isSolved()).isFalse();
        assertThat(none.volatility()).isNaN();
        assertThat(none.iterations()).isZero();
    }

    @Test
    void shouldReportPricesBeyondTheVolatilityBounds()
    {
        // The intrinsic value alone, or zero out of the money, is volatility 0.
        assertThat(Black76.impliedVolatility(CALL, 110, 100, 1.0, 0.0, 10.0).status())
            .isEqualTo(Status.BELOW_MIN_VOLATILITY);
        assertThat(Black76.impliedVolatility(CALL, 100, 110, 1.0, 0.0, 0.0).status())
            .isEqualTo(Status.BELOW_MIN_VOLATILITY);
        // Half the price at the minimum volatility.
        final double atMinimum = Black76.price(CALL, 100, 100, 1.0, 0.0, ImpliedVolatility.MIN_VOLATILITY);
        assertThat(Black76.impliedVolatility(CALL, 100, 100, 1.0, 0.0, 0.5 * atMinimum).status())
            .isEqualTo(Status.BELOW_MIN_VOLATILITY);
        // Almost the whole forward: more than 1,000 % volatility.
        assertThat(Black76.impliedVolatility(CALL, 100, 100, 1.0, 0.0, 99.999_999_99).status())
            .isEqualTo(Status.ABOVE_MAX_VOLATILITY);
        assertThat(Black76.impliedVolatility(CALL, 100, 100, 1.0, 0.0, 99.999_999_99).volatility()).isNaN();
    }

    @Test
    void shouldSolveJustInsideTheBounds()
    {
        final double nearMaximum = Black76.price(CALL, 100, 110, 1.0, 0.0, 9.0);
        assertThat(Black76.impliedVolatility(CALL, 100, 110, 1.0, 0.0, nearMaximum).volatility())
            .isCloseTo(9.0, within(1e-9));
        final double nearMinimum = Black76.price(CALL, 100, 100, 1.0, 0.0, 2 * ImpliedVolatility.MIN_VOLATILITY);
        assertThat(Black76.impliedVolatility(CALL, 100, 100, 1.0, 0.0, nearMinimum).volatility())
            .isCloseTo(2 * ImpliedVolatility.MIN_VOLATILITY, within(1e-15));
    }

    @Test
    void shouldRefuseInconsistentResults()
    {
        assertThatThrownBy(() -> new ImpliedVolatility(Status.SOLVED, Double.NaN, 3))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImpliedVolatility(Status.SOLVED, 11.0, 3))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImpliedVolatility(Status.NO_SOLUTION, 0.2, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImpliedVolatility.failed(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
