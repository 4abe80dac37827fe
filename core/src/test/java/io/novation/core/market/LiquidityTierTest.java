package io.novation.core.market;

import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.novation.core.margin.PerpetualMath.initialMarginRequirement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reproduces the published cases of dYdX v4 {@code protocol/x/perpetuals/types/liquidity_tier_test.go} and checks
 * the Drift size premium. Open-interest caps and notionals are in quote quantums (1e-6 USDC) in both dYdX and here.
 */
class LiquidityTierTest
{
    /**
     * dYdX {@code TestGetAdjustedInitialMarginPpm}: every case, values as published.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Zero open interest',                    200000, 1000000, 2000000, 0,       200000",
        "'Open interest within bounds',           200000, 1000000, 2000000, 1500000, 600000",
        // 0.2 + 0.234567 * 0.8 = 0.3876536, published rounded down to 387,653.
        "'Open interest within bounds, rounded',  200000, 1000000, 2000000, 1234567, 387653",
        "'Open interest at lower bound',          200000, 1000000, 2000000, 1000000, 200000",
        "'Open interest at upper bound',          200000, 1000000, 2000000, 2000000, 1000000",
        "'Open interest above upper bound',       200000, 1000000, 2000000, 2500000, 1000000",
        "'No upper bound, no increase',           200000, 0,       0,       1500000, 200000",
    })
    void shouldAdjustInitialMarginForOpenInterestAsDydxDoes(
        final String dydxCase,
        final long initialMarginPpm,
        final long lowerCap,
        final long upperCap,
        final long openInterest,
        final long expectedPpm)
    {
        final LiquidityTier tier = LiquidityTier.of(0, "name", initialMarginPpm, 0, 0, lowerCap, upperCap);

        assertThat(tier.initialMarginPpmAtOpenInterest(openInterest)).isEqualTo(expectedPpm);
    }

    /**
     * dYdX {@code TestGetInitialMarginQuoteQuantums}: every case, values as published. dYdX's
     * {@code GetInitialMarginQuoteQuantums(quote, oi)} is {@code initialMarginRequirement(quote, imf(oi))} here.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'initial margin 20%',                                              200000, 0, 0, 0, 500000, 100000",
        "'initial margin 50%',                                              500000, 0, 0, 0, 1000000, 500000",
        "'initial margin 10%, quote quantums = 1, should round up to 1',    100000, 0, 0, 0, 1, 1",
        "'initial margin 56.7243%, quote quantums = 123_456, should round up to 70_030', 567243, 0, 0, 0, 123456, 70030",
        "'base IMF = 20%, no OIMF since lower_cap = upper_cap = 0',         200000, 0, 0, 1500000000000, 500000, 100000",
        "'base IMF = 20%, scaling_factor = 0.5',  200000, 1000000000000, 2000000000000, 1500000000000, 500000, 300000",
        "'base IMF = 10%, scaling_factor = 1 since open_interest >> upper_cap', 200000, 25000000000000, 50000000000000, 80000000000000, 500000, 500000",
        "'base IMF = 10%, open_interest = lower_cap so scaling_factor = 0', 200000, 25000000000000, 50000000000000, 25000000000000, 500000, 100000",
        "'base IMF = 10%, lower_cap < open_interest < upper_cap, realistic numbers', 200000, 25000000000000, 60000000000000, 28123456789123, 500000, 135697",
    })
    void shouldComputeInitialMarginQuoteQuantumsAsDydxDoes(
        final String dydxCase,
        final long initialMarginPpm,
        final long lowerCap,
        final long upperCap,
        final long openInterest,
        final long quoteQuantums,
        final long expectedInitialMargin)
    {
        final LiquidityTier tier = LiquidityTier.of(0, "name", initialMarginPpm, 0, 0, lowerCap, upperCap);

        final long imfPpm = tier.initialMarginPpmAtOpenInterest(openInterest);

        assertThat(initialMarginRequirement(quoteQuantums, imfPpm)).isEqualTo(expectedInitialMargin);
    }

    /**
     * dYdX {@code TestLiquidityTierGetMaintenanceMarginPpm}: every case. dYdX floors the product; this tier rounds
     * it up (it is a requirement), so the one inexact case differs by one ppm: dYdX publishes 184,343, this tier
     * returns 184,344. The published floor is pinned separately below.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'15% initial margin, 80% maintenance fraction',               150000,  800000,  120000,  120000",
        "'45% initial margin, 77% maintenance fraction',               450000,  770000,  346500,  346500",
        "'63.7239% initial margin, 28.9284% maintenance fraction',     637239,  289284,  184343,  184344",
        "'100% initial margin, 100% maintenance fraction',             1000000, 1000000, 1000000, 1000000",
        "'0% initial margin, 100% maintenance fraction',               0,       1000000, 0,       0",
        "'0% initial margin, 0% maintenance fraction',                 0,       0,       0,       0",
        "'100% initial margin, 0% maintenance fraction',               1000000, 0,       0,       0",
    })
    void shouldDeriveMaintenanceMarginFromInitialMargin(
        final String dydxCase,
        final long initialMarginPpm,
        final long maintenanceFractionPpm,
        final long dydxPublishedPpm,
        final long roundedUpPpm)
    {
        // dYdX's 0 % IM cases are not valid tiers here (IM must be positive), so the IM is passed as the argument.
        final LiquidityTier tier = LiquidityTier.of(0, "name", 1, maintenanceFractionPpm, 0, 0, 0);

        assertThat(tier.maintenanceMarginPpm(initialMarginPpm)).isEqualTo(roundedUpPpm);
        assertThat(FixedPoint.mulPpm(initialMarginPpm, maintenanceFractionPpm, Rounding.DOWN))
            .isEqualTo(dydxPublishedPpm);
    }

    /**
     * dYdX {@code TestLiquidityTierValidate}: the cases this record can express. The "impact notional is zero" case
     * has no counterpart (impact notional belongs to funding, not to this record).
     */
    @Test
    void shouldValidateAsDydxDoes()
    {
        // "Validates successfully"
        assertThat(LiquidityTier.of(0, "name", 150_000, 800_000, 0, 0, 0).initialMarginPpm()).isEqualTo(150_000);

        // "Failure: initial margin ppm exceeds max"
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 1_000_001, 800_000, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("initialMarginPpm");
        // "Failure: maintenance fraction ppm exceeds max"
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 1_000_000, 1_000_001, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maintenanceFractionPpm");
        // "Failure: lower cap is larger than upper cap"
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 150_000, 800_000, 0, 1_000_000, 500_000))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("openInterestLowerCap");
        // "Failure: lower cap is larger than upper cap (upper cap is zero)"
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 150_000, 800_000, 0, 1_000_000, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("openInterestLowerCap");
    }

    @Test
    void shouldRejectParametersOutsideTheirRanges()
    {
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 0, 800_000, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 50_000, -1, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 50_000, 600_000, -1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 50_000, 600_000, LiquidityTier.MAX_IMF_FACTOR_PPM + 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiquidityTier.of(0, "name", 50_000, 600_000, 0, -1, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiquidityTier.of(-1, "name", 50_000, 600_000, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiquidityTier.of(0, " ", 50_000, 600_000, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiquidityTier.of(0, null, 50_000, 600_000, 0, 0, 0))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LiquidityTier.largeCap().maintenanceMarginPpm(1_000_001))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * dYdX v4 tiers: Large-Cap from the mainnet genesis ({@code protocol/testing/mainnet/genesis.json}), the others
     * from {@code protocol/testing/genesis.sh} (caps commented there in whole USDC, stored in quote quantums).
     */
    @Test
    void shouldOfferTheDydxTiers()
    {
        assertThat(LiquidityTier.largeCap()).isEqualTo(LiquidityTier.of(0, "Large-Cap", 50_000, 600_000, 0, 0, 0));
        assertThat(LiquidityTier.smallCap())
            .isEqualTo(LiquidityTier.of(1, "Small-Cap", 100_000, 500_000, 0, 20_000_000_000_000L, 50_000_000_000_000L));
        assertThat(LiquidityTier.longTail())
            .isEqualTo(LiquidityTier.of(2, "Long-Tail", 200_000, 500_000, 0, 5_000_000_000_000L, 10_000_000_000_000L));
        assertThat(LiquidityTier.safety())
            .isEqualTo(LiquidityTier.of(3, "Safety", 1_000_000, 200_000, 0, 2_000_000_000_000L, 5_000_000_000_000L));
        assertThat(LiquidityTier.isolated())
            .isEqualTo(LiquidityTier.of(4, "Isolated", 50_000, 600_000, 0, 500_000_000_000L, 1_000_000_000_000L));
        assertThat(LiquidityTier.midCap())
            .isEqualTo(LiquidityTier.of(5, "Mid-Cap", 50_000, 600_000, 0, 40_000_000_000_000L, 100_000_000_000_000L));
        assertThat(LiquidityTier.fx())
            .isEqualTo(LiquidityTier.of(6, "FX", 10_000, 500_000, 0, 500_000_000_000L, 1_000_000_000_000L));
    }

    @Test
    void shouldGiveLargeCapFiveAndThreePercent()
    {
        final LiquidityTier largeCap = LiquidityTier.largeCap();

        assertThat(largeCap.initialMarginPpm(Long.MAX_VALUE, 1_000_000_000_000_000L)).isEqualTo(50_000);
        assertThat(largeCap.maintenanceMarginPpm(largeCap.initialMarginPpm())).isEqualTo(30_000);
    }

    @Test
    void shouldRaiseLongTailMarginWithOpenInterestFromFiveToTenMillionUsdc()
    {
        final LiquidityTier longTail = LiquidityTier.longTail();

        assertThat(longTail.initialMarginPpmAtOpenInterest(5_000_000_000_000L)).isEqualTo(200_000);
        // 7.5 million USDC is halfway: 20 % + 0.5 * 80 % = 60 %.
        assertThat(longTail.initialMarginPpmAtOpenInterest(7_500_000_000_000L)).isEqualTo(600_000);
        assertThat(longTail.initialMarginPpmAtOpenInterest(10_000_000_000_000L)).isEqualTo(1_000_000);
        assertThat(longTail.initialMarginPpmAtOpenInterest(-1)).isEqualTo(200_000);
    }

    @Test
    void shouldLeaveInitialMarginAloneWhenTheSizePremiumIsDisabled()
    {
        final LiquidityTier tier = LiquidityTier.of(0, "name", 100_000, 500_000, 0, 0, 0);

        assertThat(tier.sizeAdjustedInitialMarginPpm(Long.MAX_VALUE)).isEqualTo(100_000);
        assertThat(tier.initialMarginPpm(0, -Long.MAX_VALUE)).isEqualTo(100_000);
    }

    @Test
    void shouldAddTheFactorOnTopOfEightyPercentOfBaseAtTheReferenceNotional()
    {
        // IM 10 %, factor 50,000 ppm: at 1,000,000 USDC, 0.8 * 10 % + 5 % = 13 %.
        final LiquidityTier tier = LiquidityTier.of(0, "name", 100_000, 500_000, 50_000, 0, 0);

        assertThat(tier.sizeAdjustedInitialMarginPpm(LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL)).isEqualTo(130_000);
        assertThat(tier.sizeAdjustedInitialMarginPpm(-LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL))
            .isEqualTo(130_000);
        // At 4,000,000 USDC the square root doubles the term: 8 % + 10 % = 18 %.
        assertThat(tier.sizeAdjustedInitialMarginPpm(4 * LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL))
            .isEqualTo(180_000);
        // Below the crossover (20 % of base from the factor: 160,000 USDC) the base fraction wins.
        assertThat(tier.sizeAdjustedInitialMarginPpm(160_000_000_000L)).isEqualTo(100_000);
        assertThat(tier.sizeAdjustedInitialMarginPpm(1_000_000_000L)).isEqualTo(100_000);
    }

    @Test
    void shouldRoundTheSizePremiumUp()
    {
        // 1 ppm per sqrt(1,000,000 USDC) at 2,000,000 USDC: sqrt(2) = 1.414... rounds up to 2 ppm.
        final LiquidityTier tier = LiquidityTier.of(0, "name", 5, 0, 1, 0, 0);

        assertThat(tier.sizeAdjustedInitialMarginPpm(2 * LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL))
            .isEqualTo(FixedPoint.divide(4 * 5, 5, Rounding.UP) + 2);
    }

    @Test
    void shouldCapTheSizeAdjustedFractionAtOneHundredPercent()
    {
        final LiquidityTier tier = LiquidityTier.of(0, "name", 100_000, 500_000, LiquidityTier.MAX_IMF_FACTOR_PPM, 0, 0);

        assertThat(tier.sizeAdjustedInitialMarginPpm(1_000_000)).isEqualTo(1_000_000);
        assertThat(tier.sizeAdjustedInitialMarginPpm(Long.MAX_VALUE)).isEqualTo(1_000_000);
        assertThat(tier.initialMarginPpm(0, Long.MAX_VALUE)).isEqualTo(1_000_000);
        assertThatThrownBy(() -> tier.sizeAdjustedInitialMarginPpm(Long.MIN_VALUE))
            .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldTakeTheLargerOfOpenInterestAndSizeAdjustments()
    {
        // IM 20 %, caps 1 and 2 (quote quantums as in dYdX's tests), factor 100,000 ppm.
        final LiquidityTier tier = LiquidityTier.of(0, "name", 200_000, 500_000, 100_000, 1_000_000, 2_000_000);

        // Open interest 1.5: 60 %; a 1,000,000 USDC position: 16 % + 10 % = 26 %. The larger is 60 %.
        assertThat(tier.initialMarginPpm(1_500_000, LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL)).isEqualTo(600_000);
        // No open interest, a 100,000,000 USDC position: 16 % + 10 * 10 % = 116 %, capped at 100 %.
        assertThat(tier.initialMarginPpm(0, 100 * LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL)).isEqualTo(1_000_000);
        // No open interest, a 9,000,000 USDC position: 16 % + 3 * 10 % = 46 %.
        assertThat(tier.initialMarginPpm(0, 9 * LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL)).isEqualTo(460_000);
    }

    /**
     * Drift {@code programs/drift/src/math/margin/tests.rs}, {@code spot_market_asset_weight}: a 1,000-unit liability
     * of a 1-USDC asset with {@code imf_factor} 10,000 (0.01) has liability weight 11,962 (1e-4 units) from a base of
     * 11,000: {@code 11,000 - 11,000 / 5 + 3,162}. At a price of 1 USDC, Drift's factor per square root of base
     * units is a factor per square root of USDC, 1,000 times smaller than one per square root of 1,000,000 USDC.
     * Drift's base of 110 % is above what a perpetual tier allows, so the premium term is compared alone, at Drift's
     * 1e-4 precision (Drift rounds it down, this tier up).
     */
    @Test
    void shouldMatchDriftsSizePremiumTerm()
    {
        final long driftImfFactor = 10_000;
        final long notional = 1_000 * 1_000_000L; // 1,000 units at 1 USDC, in quote quantums
        final LiquidityTier tier = LiquidityTier.of(0, "name", 5, 0, driftImfFactor * 1_000, 0, 0);

        final long premiumTermPpm = tier.sizeAdjustedInitialMarginPpm(notional) - FixedPoint.divide(4 * 5, 5, Rounding.UP);

        assertThat(premiumTermPpm / 100).isEqualTo(11_962 - (11_000 - 11_000 / 5));
        assertThat(premiumTermPpm).isEqualTo(316_228); // ceil(10,000,000 * sqrt(0.001))
    }
}
