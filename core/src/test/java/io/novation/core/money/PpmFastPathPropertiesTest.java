package io.novation.core.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins {@link FixedPoint#mulPpm}'s 64-bit path (a product that fits a long, divided by the constant 1,000,000) to the
 * 128-bit path of {@link FixedPoint#mulDiv} and to {@link BigInteger}, around the boundary where the product stops
 * fitting, for both signs, every {@link Rounding}, and quotients that round up and down.
 */
class PpmFastPathPropertiesTest
{
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    @Property(tries = 5000)
    void shouldTakePpmLikeTheWideProductAtTheFitBoundary(
        @ForAll("fractions") final long ppm,
        @ForAll("boundaryOffsets") final long offset,
        @ForAll final boolean negative,
        @ForAll final Rounding rounding)
    {
        // The largest amount whose product with ppm fits, moved a little either way across the boundary.
        final long limit = ppm == 0 ? Long.MAX_VALUE : Long.MAX_VALUE / Math.abs(ppm);
        final long magnitude = Math.max(0, Math.min(Long.MAX_VALUE, limit + offset));
        final long amount = negative ? -magnitude : magnitude;
        assertSameAsWidePath(amount, ppm, rounding);
    }

    @Property(tries = 5000)
    void shouldTakePpmLikeTheWideProductOverAnyAmount(
        @ForAll("amounts") final long amount,
        @ForAll("fractions") final long ppm,
        @ForAll final Rounding rounding)
    {
        assertSameAsWidePath(amount, ppm, rounding);
    }

    @Property(tries = 2000)
    void shouldRoundAnInexactFractionOneUnitApartUpAndDown(
        @ForAll("amounts") final long amount,
        @ForAll("fractions") final long ppm)
    {
        final BigInteger exact = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ppm));
        final BigInteger[] quotientAndRemainder = exact.divideAndRemainder(MILLION);
        if (quotientAndRemainder[1].signum() == 0 || exact.bitLength() > 63)
        {
            return;
        }
        assertThat(FixedPoint.mulPpm(amount, ppm, Rounding.UP) - FixedPoint.mulPpm(amount, ppm, Rounding.DOWN))
            .isEqualTo(1L);
    }

    @Provide
    Arbitrary<Long> fractions()
    {
        final Arbitrary<Long> edges = Arbitraries.of(0L, 1L, -1L, 999_999L, 1_000_000L, 1_000_001L, 50_000L,
            600_000L, 2_000_000L, -1_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32);
        return Arbitraries.frequencyOf(Tuple.of(1, edges), Tuple.of(4, Arbitraries.longs().between(-2_000_000L,
            2_000_000L)), Tuple.of(1, Arbitraries.longs()));
    }

    @Provide
    Arbitrary<Long> boundaryOffsets()
    {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(-3, 3)),
            Tuple.of(1, Arbitraries.longs().between(-2_000_000L, 2_000_000L)));
    }

    @Provide
    Arbitrary<Long> amounts()
    {
        final Arbitrary<Long> byBitLength = Arbitraries.integers().between(0, 63).flatMap(bits ->
            bits == 63 ? Arbitraries.longs() : Arbitraries.longs().between(-(1L << bits), 1L << bits));
        final Arbitrary<Long> edges = Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, -1L, 0L, 1L,
            999_999L, -999_999L, 1_000_000L, -1_000_001L);
        return Arbitraries.frequencyOf(Tuple.of(1, edges), Tuple.of(4, byBitLength));
    }

    private static void assertSameAsWidePath(final long amount, final long ppm, final Rounding rounding)
    {
        final BigInteger expected = new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ppm)))
            .divide(new BigDecimal(MILLION), 0, mode(rounding)).toBigIntegerExact();
        if (expected.bitLength() > 63)
        {
            assertThatThrownBy(() -> FixedPoint.mulPpm(amount, ppm, rounding))
                .isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> FixedPoint.mulDiv(amount, ppm, 1_000_000L, rounding))
                .isInstanceOf(ArithmeticException.class);
            return;
        }
        final long fast = FixedPoint.mulPpm(amount, ppm, rounding);
        assertThat(fast).isEqualTo(expected.longValueExact());
        assertThat(fast).isEqualTo(FixedPoint.mulDiv(amount, ppm, 1_000_000L, rounding));
    }

    private static RoundingMode mode(final Rounding rounding)
    {
        return switch (rounding)
        {
            case DOWN -> RoundingMode.FLOOR;
            case UP -> RoundingMode.CEILING;
            case TOWARD_ZERO -> RoundingMode.DOWN;
            case AWAY_FROM_ZERO -> RoundingMode.UP;
        };
    }
}
