package io.novation.core.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedPointTest
{
    @ParameterizedTest(name = "{0} * {1} / {2} {3} = {4}")
    @CsvSource({
        "7, 1, 2, DOWN, 3",
        "7, 1, 2, UP, 4",
        "7, 1, 2, TOWARD_ZERO, 3",
        "7, 1, 2, AWAY_FROM_ZERO, 4",
        "-7, 1, 2, DOWN, -4",
        "-7, 1, 2, UP, -3",
        "-7, 1, 2, TOWARD_ZERO, -3",
        "-7, 1, 2, AWAY_FROM_ZERO, -4",
        "7, -1, -2, DOWN, 3",
        "6, 1, 2, UP, 3",
        // 128-bit intermediates: the products overflow a long, the quotients do not.
        "4611686018427387904, 10, 20, DOWN, 2305843009213693952",
        "9223372036854775807, 9223372036854775807, 9223372036854775807, DOWN, 9223372036854775807",
        "-9223372036854775808, 9223372036854775807, 9223372036854775807, DOWN, -9223372036854775808",
        "-9223372036854775808, -9223372036854775808, -9223372036854775808, UP, -9223372036854775808",
        "9223372036854775807, 3, 4, DOWN, 6917529027641081855",
        "9223372036854775807, 3, 4, UP, 6917529027641081856",
        "-9223372036854775807, 3, 4, DOWN, -6917529027641081856",
        "-9223372036854775807, 3, 4, TOWARD_ZERO, -6917529027641081855",
    })
    void shouldMultiplyThenDivideExactly(
        final long a, final long b, final long c, final Rounding rounding, final long expected)
    {
        assertThat(FixedPoint.mulDiv(a, b, c, rounding)).isEqualTo(expected);
    }

    @Test
    void shouldRejectDivisionByZero()
    {
        assertThatThrownBy(() -> FixedPoint.mulDiv(1, 2, 0, Rounding.UP))
            .isInstanceOf(ArithmeticException.class)
            .hasMessageContaining("division by zero");
        assertThatThrownBy(() -> FixedPoint.divide(1, 0, Rounding.UP))
            .isInstanceOf(ArithmeticException.class)
            .hasMessageContaining("division by zero");
    }

    @Test
    void shouldRejectQuotientsThatDoNotFitALong()
    {
        assertThatThrownBy(() -> FixedPoint.mulDiv(Long.MAX_VALUE, 3, 2, Rounding.DOWN))
            .isInstanceOf(ArithmeticException.class)
            .hasMessageContaining("does not fit a long");
        assertThatThrownBy(() -> FixedPoint.mulDiv(Long.MIN_VALUE, 1, -1, Rounding.DOWN))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.divide(Long.MIN_VALUE, -1, Rounding.DOWN))
            .isInstanceOf(ArithmeticException.class);
        // (2^64 - 1) / 2 = 2^63 - 0.5: it truncates to Long.MAX_VALUE but rounds up to 2^63, one past it.
        assertThat(FixedPoint.mulDiv(4_294_967_295L, 4_294_967_297L, 2, Rounding.DOWN)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> FixedPoint.mulDiv(4_294_967_295L, 4_294_967_297L, 2, Rounding.UP))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.mulDiv(Long.MIN_VALUE, -1, 1, Rounding.UP))
            .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldTakeFractionsInPartsPerMillion()
    {
        assertThat(FixedPoint.PPM).isEqualTo(1_000_000L);
        assertThat(FixedPoint.mulPpm(123_456, 567_243, Rounding.UP)).isEqualTo(70_030);
        assertThat(FixedPoint.mulPpm(123_456, 567_243, Rounding.DOWN)).isEqualTo(70_029);
        assertThat(FixedPoint.mulPpm(-123_456, 567_243, Rounding.DOWN)).isEqualTo(-70_030);
        assertThat(FixedPoint.mulPpm(Long.MAX_VALUE, 1_000_000, Rounding.DOWN)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldReturnPowersOfTenThatFitALong()
    {
        long expected = 1;
        for (int n = 0; n <= 18; n++)
        {
            assertThat(FixedPoint.pow10(n)).isEqualTo(expected);
            expected *= 10;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 19, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void shouldRejectPowersOfTenOutsideALong(final int n)
    {
        assertThatThrownBy(() -> FixedPoint.pow10(n)).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest(name = "{0} * 10^{1} {2} = {3}")
    @CsvSource({
        "15, -1, DOWN, 1",
        "15, -1, UP, 2",
        "-15, -1, DOWN, -2",
        "-15, -1, TOWARD_ZERO, -1",
        "-15, -1, AWAY_FROM_ZERO, -2",
        "123, 2, DOWN, 12300",
        "0, 400, UP, 0",
        "9223372036854775807, -19, UP, 1",
        "9223372036854775807, -19, DOWN, 0",
        "-9223372036854775808, -19, DOWN, -1",
        "-9223372036854775808, -2147483648, TOWARD_ZERO, 0",
        "-9223372036854775808, -18, AWAY_FROM_ZERO, -10",
        "922337203685477580, 1, DOWN, 9223372036854775800",
    })
    void shouldScaleByPowersOfTen(final long value, final int exponent, final Rounding rounding, final long expected)
    {
        assertThat(FixedPoint.scaleByPow10(value, exponent, rounding)).isEqualTo(expected);
    }

    @Test
    void shouldRejectScalingThatOverflows()
    {
        assertThatThrownBy(() -> FixedPoint.scaleByPow10(922337203685477581L, 1, Rounding.DOWN))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.scaleByPow10(1, 19, Rounding.DOWN))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.scaleByPow10(-1, Integer.MAX_VALUE, Rounding.DOWN))
            .isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest(name = "sqrt({0}) = {1}")
    @CsvSource({
        "0, 0",
        "1, 1",
        "2, 1",
        "3, 1",
        "4, 2",
        "99, 9",
        "100, 10",
        "9007199515875288, 94906266", // 94906267^2 - 1: the double square root rounds up to 94906267
        "9223372030926249000, 3037000498",
        "9223372030926249001, 3037000499",
        "9223372036854775807, 3037000499",
    })
    void shouldTakeExactFloorSquareRoots(final long value, final long expected)
    {
        assertThat(FixedPoint.sqrtFloor(value)).isEqualTo(expected);
    }

    @Test
    void shouldTakeCeilingSquareRoots()
    {
        assertThat(FixedPoint.sqrtCeil(0)).isZero();
        assertThat(FixedPoint.sqrtCeil(16)).isEqualTo(4);
        assertThat(FixedPoint.sqrtCeil(17)).isEqualTo(5);
        assertThat(FixedPoint.sqrtCeil(Long.MAX_VALUE)).isEqualTo(3_037_000_500L);
    }

    @Test
    void shouldRejectSquareRootsOfNegativeNumbers()
    {
        assertThatThrownBy(() -> FixedPoint.sqrtFloor(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompareProductsBeyondALong()
    {
        assertThat(FixedPoint.compareProducts(Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE))
            .isEqualTo(-1);
        assertThat(FixedPoint.compareProducts(Long.MIN_VALUE, -1, Long.MAX_VALUE, 1)).isEqualTo(1);
        assertThat(FixedPoint.compareProducts(6, 4, 3, 8)).isZero();
        assertThat(FixedPoint.compareProducts(-6, 4, 3, 8)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "\"{0}\" at {1} decimals = {2}")
    @CsvSource({
        "1234.5, 6, 1234500000",
        "0, 6, 0",
        "-0, 6, 0",
        "-0.000001, 6, -1",
        "007.10, 2, 710",
        "42, 0, 42",
        "9223372036854.775807, 6, 9223372036854775807",
        "-9223372036854.775808, 6, -9223372036854775808",
        "-9.223372036854775808, 18, -9223372036854775808",
    })
    void shouldParseDecimalsIntoQuantums(final String text, final int decimals, final long expected)
    {
        assertThat(FixedPoint.parseDecimal(text, decimals)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "-", "+1", " 1", "1 ", "1.", ".5", "1..2", "1.2.3", "1e6", "--1", "1-", "0x10",
        "1,5", "1.0000001", "\u0661"})
    void shouldRejectMalformedDecimals(final String text)
    {
        assertThatThrownBy(() -> FixedPoint.parseDecimal(text, 6))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("decimal");
    }

    @Test
    void shouldNameTheProblemWhenADecimalIsRejected()
    {
        assertThatThrownBy(() -> FixedPoint.parseDecimal("1.0000001", 6))
            .hasMessage("decimal '1.0000001' has more than 6 fractional digits");
        assertThatThrownBy(() -> FixedPoint.parseDecimal(null, 6))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("decimal text is null");
        assertThatThrownBy(() -> FixedPoint.parseDecimal("1", 19))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("decimals must be in [0, 18]");
    }

    @ParameterizedTest(name = "\"{0}\" at {1} decimals")
    @CsvSource({
        "9223372036854.775808, 6",
        "-9223372036854.775809, 6",
        "10000000000000, 6",
        "99999999999999999999999, 0",
        "10, 18",
    })
    void shouldRejectDecimalsThatDoNotFitALong(final String text, final int decimals)
    {
        assertThatThrownBy(() -> FixedPoint.parseDecimal(text, decimals))
            .isInstanceOf(ArithmeticException.class)
            .hasMessageContaining("does not fit a long");
    }

    @ParameterizedTest(name = "{0} at {1} decimals = \"{2}\"")
    @CsvSource({
        "1234500000, 6, 1234.5",
        "-1, 6, -0.000001",
        "0, 6, 0",
        "1000000, 6, 1",
        "-1000001, 6, -1.000001",
        "710, 2, 7.1",
        "42, 0, 42",
        "-9223372036854775808, 6, -9223372036854.775808",
        "9223372036854775807, 18, 9.223372036854775807",
        "-9223372036854775808, 18, -9.223372036854775808",
    })
    void shouldFormatQuantumsAsTrimmedDecimals(final long quantums, final int decimals, final String expected)
    {
        assertThat(FixedPoint.formatDecimal(quantums, decimals)).isEqualTo(expected);
    }
}
