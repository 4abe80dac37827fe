package io.novation.core.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compares {@link FixedPoint} with {@link BigInteger} arithmetic over the whole {@code long} range, for every
 * {@link Rounding}.
 */
class FixedPointPropertiesTest
{
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Property(tries = 3000)
    void shouldMultiplyThenDivideLikeBigIntegerThrowingOrSaturatingBeyondALong(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll("anyMagnitude") final long c,
        @ForAll final Rounding rounding)
    {
        if (c == 0)
        {
            assertThatThrownBy(() -> FixedPoint.mulDiv(a, b, c, rounding)).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> FixedPoint.mulDivSaturating(a, b, c, rounding))
                .isInstanceOf(ArithmeticException.class);
            return;
        }

        final BigInteger expected = divide(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(c),
            rounding);
        assertMatches(() -> FixedPoint.mulDiv(a, b, c, rounding), expected);
        assertThat(FixedPoint.mulDivSaturating(a, b, c, rounding)).as("saturating at the bound of the sign")
            .isEqualTo(expected.max(LONG_MIN).min(LONG_MAX).longValueExact());
    }

    @Property(tries = 2000)
    void shouldDivideLikeBigInteger(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll final Rounding rounding)
    {
        if (b == 0)
        {
            assertThatThrownBy(() -> FixedPoint.divide(a, b, rounding)).isInstanceOf(ArithmeticException.class);
            return;
        }

        assertMatches(() -> FixedPoint.divide(a, b, rounding),
            divide(BigInteger.valueOf(a), BigInteger.valueOf(b), rounding));
    }

    @Property(tries = 2000)
    void shouldTakeFractionsInPpmLikeBigInteger(
        @ForAll("anyMagnitude") final long amount,
        @ForAll("anyMagnitude") final long ppm,
        @ForAll final Rounding rounding)
    {
        final BigInteger expected = divide(
            BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ppm)), BigInteger.valueOf(1_000_000), rounding);
        assertMatches(() -> FixedPoint.mulPpm(amount, ppm, rounding), expected);
    }

    @Property(tries = 2000)
    void shouldScaleByPowersOfTenLikeBigInteger(
        @ForAll("anyMagnitude") final long value,
        @ForAll @IntRange(min = -40, max = 40) final int exponent,
        @ForAll final Rounding rounding)
    {
        assertMatches(() -> FixedPoint.scaleByPow10(value, exponent, rounding),
            scaled(BigInteger.valueOf(value), exponent, rounding));
    }

    @Property(tries = 3000)
    void shouldMultiplyAndScaleByPowersOfTenLikeBigInteger(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll @IntRange(min = -45, max = 20) final int exponent,
        @ForAll final Rounding rounding)
    {
        assertMatches(() -> FixedPoint.mulScaleByPow10(a, b, exponent, rounding),
            scaled(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), exponent, rounding));
    }

    @Property(tries = 3000)
    void shouldRoundUpFromTheFloorLikeADirectCeiling(
        @ForAll("nonNegativeMagnitude") final long a,
        @ForAll("nonNegativeMagnitude") final long b,
        @ForAll @IntRange(min = -45, max = 20) final int exponent)
    {
        final BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        final BigInteger floor = scaled(product, exponent, Rounding.DOWN);
        if (floor.compareTo(LONG_MAX) > 0)
        {
            return;
        }
        assertMatches(() -> FixedPoint.mulScaleByPow10Ceiling(a, b, exponent, floor.longValueExact()),
            scaled(product, exponent, Rounding.UP));
    }

    @Property(tries = 2000)
    void shouldTakeExactIntegerSquareRoots(@ForAll("nonNegativeMagnitude") final long value)
    {
        final BigInteger expectedFloor = BigInteger.valueOf(value).sqrt();
        assertThat(FixedPoint.sqrtFloor(value)).isEqualTo(expectedFloor.longValueExact());

        final BigInteger floorSquared = expectedFloor.multiply(expectedFloor);
        final BigInteger expectedCeil = floorSquared.equals(BigInteger.valueOf(value)) ?
            expectedFloor : expectedFloor.add(BigInteger.ONE);
        assertThat(FixedPoint.sqrtCeil(value)).isEqualTo(expectedCeil.longValueExact());
    }

    @Property(tries = 2000)
    void shouldTakeExactSquareRootsNextToPerfectSquares(
        @ForAll("squareRoots") final long root, @ForAll @IntRange(min = -1, max = 1) final int offset)
    {
        final long value = root * root + offset;
        if (value < 0)
        {
            return;
        }

        assertThat(FixedPoint.sqrtFloor(value)).isEqualTo(BigInteger.valueOf(value).sqrt().longValueExact());
    }

    @Property(tries = 2000)
    void shouldCompareProductsLikeBigInteger(
        @ForAll("anyMagnitude") final long a,
        @ForAll("anyMagnitude") final long b,
        @ForAll("anyMagnitude") final long c,
        @ForAll("anyMagnitude") final long d)
    {
        final int expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
            .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d)));
        assertThat(FixedPoint.compareProducts(a, b, c, d)).isEqualTo(expected);
        assertThat(FixedPoint.compareProducts(a, b, a, b)).isZero();
    }

    @Property(tries = 3000)
    void shouldRoundTripQuantumsThroughDecimalText(
        @ForAll("anyMagnitude") final long quantums, @ForAll @IntRange(min = 0, max = 18) final int decimals)
    {
        final String text = FixedPoint.formatDecimal(quantums, decimals);

        assertThat(FixedPoint.parseDecimal(text, decimals)).isEqualTo(quantums);
        assertThat(new BigDecimal(text)).isEqualByComparingTo(BigDecimal.valueOf(quantums, decimals));
        assertThat(text).doesNotEndWith(".").doesNotStartWith("+");
        if (text.indexOf('.') >= 0)
        {
            assertThat(text).doesNotEndWith("0");
        }
    }

    @Property(tries = 2000)
    void shouldParseDecimalTextLikeBigDecimal(
        @ForAll("anyMagnitude") final long unscaled,
        @ForAll @IntRange(min = 0, max = 18) final int scale,
        @ForAll @IntRange(min = 0, max = 18) final int decimals)
    {
        final String text = BigDecimal.valueOf(unscaled, scale).toPlainString();
        final BigInteger expected = new BigDecimal(text).movePointRight(decimals).toBigInteger();

        if (scale > decimals)
        {
            // toPlainString writes exactly `scale` fractional digits; more than `decimals` of them (even trailing
            // zeros) is not a whole number of quantums as written, and is rejected.
            assertThatThrownBy(() -> FixedPoint.parseDecimal(text, decimals))
                .isInstanceOf(IllegalArgumentException.class);
            return;
        }

        assertMatches(() -> FixedPoint.parseDecimal(text, decimals), expected);
    }

    @Provide
    Arbitrary<Long> anyMagnitude()
    {
        final Arbitrary<Long> edges = Arbitraries.of(
            Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, -1L, 0L, 1L,
            1L << 32, -(1L << 32), (1L << 32) - 1, 1L << 62, -(1L << 62), 1_000_000L, -1_000_000L,
            1_000_000_000_000_000_000L, 3_037_000_499L, 3_037_000_500L);
        final Arbitrary<Long> byBitLength = Arbitraries.integers().between(0, 63).flatMap(bits ->
            bits == 63 ? Arbitraries.longs() : Arbitraries.longs().between(-(1L << bits), 1L << bits));

        return Arbitraries.frequencyOf(Tuple.of(1, edges), Tuple.of(4, byBitLength));
    }

    @Provide
    Arbitrary<Long> nonNegativeMagnitude()
    {
        return anyMagnitude().map(value -> value == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(value));
    }

    @Provide
    Arbitrary<Long> squareRoots()
    {
        return Arbitraries.longs().between(0, 3_037_000_499L)
            .edgeCases(config -> config.add(3_037_000_499L, 94_906_267L, 4_294_967_296L / 2));
    }

    private static BigInteger divide(final BigInteger dividend, final BigInteger divisor, final Rounding rounding)
    {
        return new BigDecimal(dividend).divide(new BigDecimal(divisor), 0, roundingMode(rounding)).toBigIntegerExact();
    }

    private static BigInteger scaled(final BigInteger value, final int exponent, final Rounding rounding)
    {
        if (exponent >= 0)
        {
            return value.multiply(BigInteger.TEN.pow(exponent));
        }

        return divide(value, BigInteger.TEN.pow(-exponent), rounding);
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

    private static void assertMatches(final LongComputation computation, final BigInteger expected)
    {
        if (expected.compareTo(LONG_MIN) < 0 || expected.compareTo(LONG_MAX) > 0)
        {
            assertThatThrownBy(computation::compute).isInstanceOf(ArithmeticException.class);
            return;
        }

        assertThat(computation.compute()).isEqualTo(expected.longValueExact());
    }

    @FunctionalInterface
    private interface LongComputation
    {
        long compute();
    }
}
