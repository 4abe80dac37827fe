package io.novation.core.margin;

import io.novation.core.money.Rounding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compares {@link PerpetualMath} with exact {@link BigDecimal} definitions of dYdX's conversions and checks that
 * requirements never fall short of the exact fraction of the notional.
 */
class PerpetualMathPropertiesTest
{
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    @Property(tries = 3000)
    void shouldComputeNotionalsExactly(
        @ForAll("quantities") final long baseQuantums,
        @ForAll("prices") final long price,
        @ForAll @IntRange(min = -20, max = 5) final int priceExponent,
        @ForAll @IntRange(min = -20, max = 5) final int atomicResolution,
        @ForAll final Rounding rounding)
    {
        final int exponent = priceExponent + atomicResolution + 6;
        final BigDecimal exact = new BigDecimal(BigInteger.valueOf(baseQuantums).multiply(BigInteger.valueOf(price)))
            .scaleByPowerOfTen(exponent);

        assertRounded(
            () -> PerpetualMath.notionalQuoteQuantums(baseQuantums, price, priceExponent, atomicResolution, rounding),
            exact, rounding);
    }

    @Property(tries = 3000)
    void shouldComputeSizesForNotionalsExactly(
        @ForAll("quantities") final long notional,
        @ForAll("positivePrices") final long price,
        @ForAll @IntRange(min = -18, max = 5) final int priceExponent,
        @ForAll @IntRange(min = -18, max = 5) final int atomicResolution,
        @ForAll final Rounding rounding)
    {
        final int exponent = priceExponent + atomicResolution + 6;
        final BigDecimal divisor = new BigDecimal(BigInteger.valueOf(price)).scaleByPowerOfTen(exponent);
        final BigDecimal exact = new BigDecimal(notional).divide(divisor, 60, RoundingMode.DOWN);
        final boolean exactIsInexact = new BigDecimal(notional).remainder(divisor).signum() != 0;
        final long digitsBelowMinus18 = Math.max(0, -exponent - 18);
        final BigDecimal intermediate = new BigDecimal(notional).scaleByPowerOfTen((int)digitsBelowMinus18);
        if (digitsBelowMinus18 > 0 && (intermediate.compareTo(LONG_MIN) < 0 || intermediate.compareTo(LONG_MAX) > 0))
        {
            // Documented limit: notional * 10^(-exponent - 18) must fit a long.
            assertThatThrownBy(() ->
                PerpetualMath.baseQuantumsForNotional(notional, price, priceExponent, atomicResolution, rounding))
                .isInstanceOf(ArithmeticException.class);
            return;
        }

        final BigDecimal truncated = exact.setScale(0, RoundingMode.DOWN);
        final BigDecimal expected = exactIsInexact ? roundInexact(exact, rounding) : truncated;
        if (expected.compareTo(LONG_MIN) < 0 || expected.compareTo(LONG_MAX) > 0)
        {
            assertThatThrownBy(() ->
                PerpetualMath.baseQuantumsForNotional(notional, price, priceExponent, atomicResolution, rounding))
                .isInstanceOf(ArithmeticException.class);
            return;
        }

        assertThat(PerpetualMath.baseQuantumsForNotional(notional, price, priceExponent, atomicResolution, rounding))
            .isEqualTo(expected.longValueExact());
    }

    @Property(tries = 2000)
    void shouldNeverRequireLessThanTheExactFraction(
        @ForAll("quantities") final long notional,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long fractionPpm)
    {
        final BigInteger exactTimesMillion = BigInteger.valueOf(notional).abs().multiply(BigInteger.valueOf(fractionPpm));
        final BigInteger million = BigInteger.valueOf(1_000_000);

        final long requirement = PerpetualMath.initialMarginRequirement(notional, fractionPpm);

        assertThat(BigInteger.valueOf(requirement).multiply(million)).isGreaterThanOrEqualTo(exactTimesMillion);
        assertThat(BigInteger.valueOf(requirement - 1).multiply(million)).isLessThan(exactTimesMillion.max(BigInteger.ONE));
        assertThat(PerpetualMath.maintenanceMarginRequirement(notional, fractionPpm)).isEqualTo(requirement);
        assertThat(PerpetualMath.initialMarginRequirement(-notional, fractionPpm)).isEqualTo(requirement);
    }

    @Property(tries = 2000)
    void shouldRequireAtLeastTheSingleRoundingMaintenanceAsDydxDoes(
        @ForAll("quantities") final long notional,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long initialMarginPpm,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long maintenanceFractionPpm)
    {
        final BigInteger exactTimesTrillion = BigInteger.valueOf(notional).abs()
            .multiply(BigInteger.valueOf(initialMarginPpm))
            .multiply(BigInteger.valueOf(maintenanceFractionPpm));

        final long twoRoundings =
            PerpetualMath.maintenanceMarginRequirement(notional, initialMarginPpm, maintenanceFractionPpm);

        assertThat(BigInteger.valueOf(twoRoundings).multiply(BigInteger.TEN.pow(12)))
            .isGreaterThanOrEqualTo(exactTimesTrillion);
        assertThat(twoRoundings).isLessThanOrEqualTo(PerpetualMath.initialMarginRequirement(notional, initialMarginPpm));
    }

    @Provide
    Arbitrary<Long> quantities()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L),
            Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L),
            Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> prices()
    {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000_000_000_000L), Arbitraries.longs().greaterOrEqual(0));
    }

    @Provide
    Arbitrary<Long> positivePrices()
    {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000_000_000_000L), Arbitraries.longs().greaterOrEqual(1));
    }

    private static void assertRounded(final LongComputation computation, final BigDecimal exact, final Rounding rounding)
    {
        final BigDecimal expected = exact.setScale(0, roundingMode(rounding));
        if (expected.compareTo(LONG_MIN) < 0 || expected.compareTo(LONG_MAX) > 0)
        {
            assertThatThrownBy(computation::compute).isInstanceOf(ArithmeticException.class);
            return;
        }

        assertThat(computation.compute()).isEqualTo(expected.longValueExact());
    }

    private static BigDecimal roundInexact(final BigDecimal exactTruncatedTo60Digits, final Rounding rounding)
    {
        // The 60-digit truncation keeps the sign and the integer part; an inexact quotient is strictly between
        // two integers, so the rounding only needs to know the direction.
        final BigDecimal truncated = exactTruncatedTo60Digits.setScale(0, RoundingMode.DOWN);
        final boolean negative = exactTruncatedTo60Digits.signum() < 0;
        final boolean awayFromZero = switch (rounding)
        {
            case DOWN -> negative;
            case UP -> !negative;
            case TOWARD_ZERO -> false;
            case AWAY_FROM_ZERO -> true;
        };
        if (!awayFromZero)
        {
            return truncated;
        }

        return negative ? truncated.subtract(BigDecimal.ONE) : truncated.add(BigDecimal.ONE);
    }

    private static RoundingMode roundingMode(final Rounding rounding)
    {
        return switch (rounding)
        {
            case DOWN -> RoundingMode.FLOOR;
            case UP -> RoundingMode.CEILING;
            case TOWARD_ZERO -> RoundingMode.DOWN;
            case AWAY_FROM_ZERO -> RoundingMode.UP;
        };
    }

    @FunctionalInterface
    private interface LongComputation
    {
        long compute();
    }
}
