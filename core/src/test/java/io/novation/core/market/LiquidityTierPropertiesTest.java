package io.novation.core.market;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the tier's fractions against exact {@link BigInteger} definitions and against the invariants a margin
 * fraction must keep.
 */
class LiquidityTierPropertiesTest
{
    private static final BigInteger PPM = BigInteger.valueOf(1_000_000);
    private static final BigInteger REFERENCE = BigInteger.valueOf(LiquidityTier.SIZE_PREMIUM_REFERENCE_NOTIONAL);

    @Property(tries = 3000)
    void shouldComputeTheSizeAdjustedFractionExactly(
        @ForAll @LongRange(min = 1, max = 1_000_000) final long initialMarginPpm,
        @ForAll("imfFactors") final long imfFactorPpm,
        @ForAll("notionals") final long notional)
    {
        final LiquidityTier tier = LiquidityTier.of(0, "name", initialMarginPpm, 0, imfFactorPpm, 0, 0);

        assertThat(tier.sizeAdjustedInitialMarginPpm(notional))
            .isEqualTo(expectedSizeAdjusted(initialMarginPpm, imfFactorPpm, notional));
    }

    @Property(tries = 2000)
    void shouldNeverPutAPositionsMaintenanceFractionBelowTheTiersBase(
        @ForAll @LongRange(min = 1, max = 1_000_000) final long initialMarginPpm,
        @ForAll @LongRange(min = 1, max = 1_000_000) final long maintenanceFractionPpm,
        @ForAll("imfFactors") final long imfFactorPpm,
        @ForAll("notionals") final long notional)
    {
        final LiquidityTier tier =
            LiquidityTier.of(0, "name", initialMarginPpm, maintenanceFractionPpm, imfFactorPpm, 0, 0);

        final long atSize = tier.maintenanceMarginPpmAtSize(notional);
        assertThat(atSize).isEqualTo(tier.maintenanceMarginPpm(tier.sizeAdjustedInitialMarginPpm(notional)));
        assertThat(tier.baseMaintenanceMarginPpm())
            .isEqualTo(tier.maintenanceMarginPpmAtSize(0))
            .isLessThanOrEqualTo(atSize);
        if (imfFactorPpm == 0)
        {
            assertThat(atSize).isEqualTo(tier.baseMaintenanceMarginPpm());
        }
    }

    @Property(tries = 2000)
    void shouldComputeTheOpenInterestAdjustedFractionExactly(
        @ForAll @LongRange(min = 1, max = 1_000_000) final long initialMarginPpm,
        @ForAll("caps") final long lowerCap,
        @ForAll("caps") final long capWidth,
        @ForAll("notionals") final long openInterest)
    {
        final long upperCap = lowerCap + capWidth;
        final LiquidityTier tier = LiquidityTier.of(0, "name", initialMarginPpm, 0, 0, lowerCap, upperCap);

        final long expected;
        if (upperCap == 0 || openInterest <= lowerCap)
        {
            expected = initialMarginPpm;
        }
        else if (openInterest >= upperCap)
        {
            expected = 1_000_000;
        }
        else
        {
            expected = BigInteger.valueOf(1_000_000 - initialMarginPpm)
                .multiply(BigInteger.valueOf(openInterest - lowerCap))
                .divide(BigInteger.valueOf(capWidth))
                .longValueExact() + initialMarginPpm;
        }

        assertThat(tier.initialMarginPpmAtOpenInterest(openInterest)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void shouldNeverLowerTheFractionAsPositionsOrOpenInterestGrow(
        @ForAll @LongRange(min = 1, max = 1_000_000) final long initialMarginPpm,
        @ForAll("imfFactors") final long imfFactorPpm,
        @ForAll("caps") final long lowerCap,
        @ForAll("caps") final long capWidth,
        @ForAll("notionals") final long smaller,
        @ForAll("notionals") final long larger)
    {
        final LiquidityTier tier =
            LiquidityTier.of(0, "name", initialMarginPpm, 0, imfFactorPpm, lowerCap, lowerCap + capWidth);
        final long low = Math.min(Math.abs(smaller), Math.abs(larger));
        final long high = Math.max(Math.abs(smaller), Math.abs(larger));

        final long atLow = tier.initialMarginPpm(low, low);
        final long atHigh = tier.initialMarginPpm(high, high);

        assertThat(atLow).isBetween(initialMarginPpm, 1_000_000L);
        assertThat(atHigh).isBetween(atLow, 1_000_000L);
    }

    @Property(tries = 1000)
    void shouldKeepMaintenanceAtOrBelowInitialMargin(
        @ForAll @LongRange(min = 0, max = 1_000_000) final long maintenanceFractionPpm,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long initialMarginPpm)
    {
        final LiquidityTier tier = LiquidityTier.of(0, "name", 1, maintenanceFractionPpm, 0, 0, 0);

        final long maintenance = tier.maintenanceMarginPpm(initialMarginPpm);

        assertThat(maintenance).isBetween(0L, initialMarginPpm);
        assertThat(BigInteger.valueOf(maintenance).multiply(PPM))
            .isGreaterThanOrEqualTo(BigInteger.valueOf(initialMarginPpm).multiply(BigInteger.valueOf(maintenanceFractionPpm)));
    }

    @Provide
    Arbitrary<Long> imfFactors()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(0, 1_000),
            Arbitraries.longs().between(0, 1_000_000),
            Arbitraries.longs().between(0, LiquidityTier.MAX_IMF_FACTOR_PPM));
    }

    @Provide
    Arbitrary<Long> notionals()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L),
            Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
            Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> caps()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(0, 1_000_000_000_000_000L),
            Arbitraries.longs().between(0, Long.MAX_VALUE / 2));
    }

    /**
     * min(10^6, max(im, ceil(4 * im / 5) + t)) with t the least integer such that t^2 * 10^12 >= f^2 * |n|.
     */
    private static long expectedSizeAdjusted(final long initialMarginPpm, final long imfFactorPpm, final long notional)
    {
        if (imfFactorPpm == 0)
        {
            return initialMarginPpm;
        }

        final BigInteger radicandNumerator = BigInteger.valueOf(imfFactorPpm).pow(2)
            .multiply(BigInteger.valueOf(notional).abs());
        BigInteger term = radicandNumerator.divide(REFERENCE).sqrt();
        while (term.pow(2).multiply(REFERENCE).compareTo(radicandNumerator) < 0)
        {
            term = term.add(BigInteger.ONE);
        }

        final BigInteger discounted = BigInteger.valueOf(4 * initialMarginPpm + 4).divide(BigInteger.valueOf(5));
        final BigInteger premium = discounted.add(term).max(BigInteger.valueOf(initialMarginPpm));
        return premium.min(PPM).longValueExact();
    }
}
