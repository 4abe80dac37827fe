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
 * Reproduces the worked examples of Hull ("Options, Futures and Other Derivatives": the Black-Scholes-Merton example
 * and the Greeks chapter's example) and Haug ("The Complete Guide to Option Pricing Formulas", §1.1.1 and §1.1.6) to
 * the digits given, and 40-digit references (mpmath) to 1e-13 relative.
 */
class BlackScholesMertonTest
{
    private static final double TIGHT = 1e-13;

    @Test
    void shouldReproduceHullStockOptionExample()
    {
        // Hull: S 42, K 40, T 0.5, r 10 %, σ 20 %, no dividends (b = r).
        final OptionGreeks call = BlackScholesMerton.greeks(CALL, 42, 40, 0.5, 0.10, 0.10, 0.20);
        final OptionGreeks put = BlackScholesMerton.greeks(PUT, 42, 40, 0.5, 0.10, 0.10, 0.20);

        assertRoundsTo("call", call.price(), "4.759422");
        assertRoundsTo("put", put.price(), "0.808599");
        assertRoundsTo("call delta", call.delta(), "0.779131");
        assertRoundsTo("gamma", call.gamma(), "0.049963");
        assertRoundsTo("vega", call.vega(), "8.813415");
        assertRoundsTo("call theta", call.theta(), "-4.559092");

        assertRelative("call", call.price(), 4.7594223928715334, TIGHT);
        assertRelative("put", put.price(), 0.80859937290009365, TIGHT);
        assertRelative("call delta", call.delta(), 0.77913129094266894, TIGHT);
        assertRelative("put delta", put.delta(), -0.22086870905733106, TIGHT);
        assertRelative("gamma", call.gamma(), 0.049962670405911853, TIGHT);
        assertRelative("put gamma", put.gamma(), 0.049962670405911853, TIGHT);
        assertRelative("vega", call.vega(), 8.8134150596028514, TIGHT);
        assertRelative("call theta", call.theta(), -4.5590921945926267, TIGHT);
        assertRelative("put theta", put.theta(), -0.7541744965897705, TIGHT);
        assertRelative("call rho", call.rho(), 13.982045913360281, TIGHT);
        assertRelative("put rho", put.rho(), -5.0425425766539992, TIGHT);
    }

    @Test
    void shouldReproduceHullGreeksExample()
    {
        // Hull: S 49, K 50, T 20 weeks, r 5 %, σ 20 %.
        final OptionGreeks call = BlackScholesMerton.greeks(CALL, 49, 50, 20.0 / 52.0, 0.05, 0.05, 0.20);

        assertRoundsTo("call", call.price(), "2.400527");
        assertRoundsTo("delta", call.delta(), "0.521605");
        assertRoundsTo("gamma", call.gamma(), "0.065544");
        assertRoundsTo("vega", call.vega(), "12.10548");
        assertRoundsTo("theta", call.theta(), "-4.30533");
        assertRoundsTo("rho", call.rho(), "8.906962");

        assertRelative("call", call.price(), 2.4005273232717147, TIGHT);
        assertRelative("delta", call.delta(), 0.52160466106639639, TIGHT);
        assertRelative("gamma", call.gamma(), 0.065544039347844394, TIGHT);
        assertRelative("vega", call.vega(), 12.1054798826288, TIGHT);
        assertRelative("theta", call.theta(), -4.3053298229325736, TIGHT);
        assertRelative("rho", call.rho(), 8.9069619496083495, TIGHT);

        final OptionGreeks put = BlackScholesMerton.greeks(PUT, 49, 50, 20.0 / 52.0, 0.05, 0.05, 0.20);
        assertRelative("put", put.price(), 2.4481754412818496, TIGHT);
        assertRelative("put delta", put.delta(), -0.47839533893360361, TIGHT);
        assertRelative("put theta", put.theta(), -1.8529474170320668, TIGHT);
        assertRelative("put rho", put.rho(), -9.957518095780164, TIGHT);
    }

    @Test
    void shouldReproduceHaugBlackScholesExample()
    {
        // Haug §1.1.1: S 60, K 65, T 0.25, r 8 %, σ 30 %.
        assertRoundsTo("call", BlackScholesMerton.price(CALL, 60, 65, 0.25, 0.08, 0.08, 0.30), "2.1334");
        assertRoundsTo("call", BlackScholesMerton.price(CALL, 60, 65, 0.25, 0.08, 0.08, 0.30), "2.133368");
        assertRelative("call", BlackScholesMerton.price(CALL, 60, 65, 0.25, 0.08, 0.08, 0.30),
            2.1333684449161999, TIGHT);
        assertRelative("put", BlackScholesMerton.price(PUT, 60, 65, 0.25, 0.08, 0.08, 0.30),
            5.8462822098552945, TIGHT);
    }

    @Test
    void shouldReproduceHaugMertonDividendYieldExample()
    {
        // Haug §1.1.6 (Merton 1973): S 100, K 95, T 0.5, r 10 %, q 5 % so b = 5 %, σ 20 %.
        final OptionGreeks put = BlackScholesMerton.greeks(PUT, 100, 95, 0.5, 0.10, 0.05, 0.20);
        assertRoundsTo("put", put.price(), "2.4648");
        assertRoundsTo("put", put.price(), "2.464788");
        assertRelative("put", put.price(), 2.4647876467558214, TIGHT);
        assertRelative("put delta", put.delta(), -0.26418159963607241, TIGHT);
        assertRelative("gamma", put.gamma(), 0.02283957429626999, TIGHT);
        assertRelative("vega", put.vega(), 22.839574296269991, TIGHT);
        assertRelative("put theta", put.theta(), -3.0005280963980543, TIGHT);
        assertRelative("put rho", put.rho(), -14.441473805181531, TIGHT);

        final OptionGreeks call = BlackScholesMerton.greeks(CALL, 100, 95, 0.5, 0.10, 0.05, 0.20);
        assertRelative("call", call.price(), 9.6289835220212575, TIGHT);
        assertRelative("call delta", call.delta(), 0.71112831239226025, TIGHT);
        assertRelative("call theta", call.theta(), -7.1606580690131742, TIGHT);
        assertRelative("call rho", call.rho(), 30.741923858602384, TIGHT);
    }

    @Test
    void shouldPriceTheSameWithOrWithoutGreeks()
    {
        final double price = BlackScholesMerton.price(PUT, 100, 95, 0.5, 0.10, 0.05, 0.20);
        assertThat(BlackScholesMerton.greeks(PUT, 100, 95, 0.5, 0.10, 0.05, 0.20).price()).isEqualTo(price);
    }

    @Test
    void shouldKeepPutCallParity()
    {
        final double spot = 100;
        final double strike = 110;
        final double expiry = 0.75;
        final double rate = 0.03;
        final double carry = -0.01;
        final double call = BlackScholesMerton.price(CALL, spot, strike, expiry, rate, carry, 0.45);
        final double put = BlackScholesMerton.price(PUT, spot, strike, expiry, rate, carry, 0.45);

        assertThat(call - put).isCloseTo(
            spot * StrictMath.exp((carry - rate) * expiry) - strike * StrictMath.exp(-rate * expiry), within(1e-12));
    }

    @Test
    void shouldPayTheIntrinsicValueAtExpiry()
    {
        final OptionGreeks inTheMoney = BlackScholesMerton.greeks(CALL, 42, 40, 0.0, 0.10, 0.10, 0.20);
        // Theta keeps its limit as T → 0 in the money: the carry on the intrinsic value, −(b − r)·S − r·K.
        assertThat(inTheMoney).isEqualTo(new OptionGreeks(2.0, 1.0, 0.0, 0.0, -0.10 * 40, 0.0));

        final OptionGreeks outOfTheMoney = BlackScholesMerton.greeks(PUT, 42, 40, 0.0, 0.10, 0.10, 0.20);
        assertThat(outOfTheMoney).isEqualTo(new OptionGreeks(0.0, 0.0, 0.0, 0.0, 0.0, 0.0));

        final OptionGreeks atTheMoney = BlackScholesMerton.greeks(CALL, 40, 40, 0.0, 0.10, 0.10, 0.20);
        assertThat(atTheMoney.price()).isZero();
        assertThat(atTheMoney.delta()).isEqualTo(0.5);
        assertThat(BlackScholesMerton.price(PUT, 38, 40, 0.0, 0.10, 0.10, 0.20)).isEqualTo(2.0);
    }

    @Test
    void shouldApproachTheIntrinsicValueNearExpiry()
    {
        final double oneSecond = 1.0 / (365.0 * 86_400.0);
        assertThat(BlackScholesMerton.price(CALL, 42, 40, oneSecond, 0.10, 0.10, 0.20)).isCloseTo(2.0, within(1e-6));
        assertThat(BlackScholesMerton.price(PUT, 42, 40, oneSecond, 0.10, 0.10, 0.20)).isCloseTo(0.0, within(1e-300));
        assertThat(BlackScholesMerton.greeks(CALL, 42, 40, oneSecond, 0.10, 0.10, 0.20).delta())
            .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldPriceTheDiscountedForwardIntrinsicValueWithoutVolatility()
    {
        // σ = 0: the forward S·e^{bT} is reached for sure; the call pays S·e^{(b−r)T} − K·e^{−rT}.
        final OptionGreeks call = BlackScholesMerton.greeks(CALL, 42, 40, 0.5, 0.10, 0.10, 0.0);
        assertThat(call.price()).isCloseTo(42 - 40 * StrictMath.exp(-0.05), within(1e-12));
        assertThat(call.delta()).isEqualTo(1.0);
        assertThat(call.gamma()).isZero();
        assertThat(call.vega()).isZero();
        assertThat(call.theta()).isCloseTo(-0.10 * 40 * StrictMath.exp(-0.05), within(1e-12));
        assertThat(call.rho()).isCloseTo(0.5 * 40 * StrictMath.exp(-0.05), within(1e-12));

        assertThat(BlackScholesMerton.price(PUT, 42, 40, 0.5, 0.10, 0.10, 0.0)).isZero();
        // Continuity: a tiny volatility prices like none.
        assertThat(BlackScholesMerton.price(CALL, 42, 40, 0.5, 0.10, 0.10, 1e-9)).isEqualTo(call.price());
    }

    @Test
    void shouldKeepTheVegaLimitAtTheMoneyForwardWithoutVolatility()
    {
        // Forward at the strike (b = 0, S = K): vega tends to S·e^{−rT}·φ(0)·√T as σ → 0.
        final double limit = 100 * StrictMath.exp(-0.05) * NormalDistribution.INVERSE_SQRT_TWO_PI * 1.0;
        assertThat(BlackScholesMerton.greeks(CALL, 100, 100, 1.0, 0.05, 0.0, 0.0).vega())
            .isCloseTo(limit, within(1e-12));
        assertThat(BlackScholesMerton.greeks(CALL, 100, 100, 1.0, 0.05, 0.0, 1e-8).vega())
            .isCloseTo(limit, within(1e-9));
        assertThat(BlackScholesMerton.greeks(PUT, 100, 100, 1.0, 0.05, 0.0, 0.0).price()).isZero();
    }

    @Test
    void shouldRejectInvalidArgumentsWithTheirNames()
    {
        assertThatThrownBy(() -> BlackScholesMerton.price(CALL, Double.NaN, 40, 0.5, 0.1, 0.1, 0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("spot must be finite and > 0: NaN");
        assertThatThrownBy(() -> BlackScholesMerton.price(CALL, -42, 40, 0.5, 0.1, 0.1, 0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("spot must be finite and > 0: -42.0");
        assertThatThrownBy(() -> BlackScholesMerton.price(CALL, 42, 0, 0.5, 0.1, 0.1, 0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("strike must be finite and > 0: 0.0");
        assertThatThrownBy(() -> BlackScholesMerton.price(CALL, 42, 40, -0.5, 0.1, 0.1, 0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("expiryYears must be finite and >= 0: -0.5");
        assertThatThrownBy(() -> BlackScholesMerton.greeks(PUT, 42, 40, 0.5, 0.1, 0.1, -0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("volatility must be finite and >= 0: -0.2");
        assertThatThrownBy(() -> BlackScholesMerton.greeks(PUT, 42, 40, 0.5, Double.NaN, 0.1, 0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("rate must be finite: NaN");
        assertThatThrownBy(() -> BlackScholesMerton.greeks(PUT, 42, 40, 0.5, 0.1, Double.POSITIVE_INFINITY, 0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("carry must be finite: Infinity");
        assertThatThrownBy(() -> BlackScholesMerton.price(null, 42, 40, 0.5, 0.1, 0.1, 0.2))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("option type must not be null");
        assertThatThrownBy(() -> BlackScholesMerton.impliedVolatility(CALL, 42, 40, 0.5, 0.1, 0.1, Double.NaN))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("price must be finite: NaN");
    }

    @Test
    void shouldAcceptNegativeRatesAndCarries()
    {
        final double call = BlackScholesMerton.price(CALL, 100, 100, 1.0, -0.005, -0.02, 0.3);
        final double put = BlackScholesMerton.price(PUT, 100, 100, 1.0, -0.005, -0.02, 0.3);
        assertThat(call - put).isCloseTo(100 * StrictMath.exp(-0.015) - 100 * StrictMath.exp(0.005), within(1e-12));
    }
}
