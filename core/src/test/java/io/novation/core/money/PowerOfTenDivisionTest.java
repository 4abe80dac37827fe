package io.novation.core.money;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PowerOfTenDivisionTest
{
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void shouldAgreeWithHardwareDivisionAtEveryQuotientBoundaryAndEdge()
    {
        final SplittableRandom random = new SplittableRandom(20261121);
        for (int k = 1; k <= FixedPoint.MAX_POW10_EXPONENT; k++)
        {
            final long divisor = FixedPoint.pow10(k);
            final long[] edges = {0L, 1L, divisor - 1, divisor, divisor + 1, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, -1L, -2L, Long.divideUnsigned(-1L, divisor) * divisor,
                Long.divideUnsigned(-1L, divisor) * divisor - 1};
            for (final long n : edges)
            {
                assertQuotient(n, k);
            }
            for (int bit = 0; bit < 64; bit++)
            {
                final long power = 1L << bit;
                assertQuotient(power - 1, k);
                assertQuotient(power, k);
                assertQuotient(power + 1, k);
            }
            // Around multiples of the divisor spread over the whole unsigned range: where a quotient steps.
            final long maxQuotient = Long.divideUnsigned(-1L, divisor);
            for (int i = 0; i < 20_000; i++)
            {
                final long quotient = Long.remainderUnsigned(random.nextLong(), maxQuotient + 1);
                final long multiple = quotient * divisor;
                assertQuotient(multiple - 1, k);
                assertQuotient(multiple, k);
                assertQuotient(multiple + 1, k);
                assertQuotient(multiple + divisor - 1, k);
            }
            for (int i = 0; i < 100_000; i++)
            {
                assertQuotient(random.nextLong(), k);
                assertQuotient(random.nextLong() >>> random.nextInt(64), k);
            }
        }
    }

    @Test
    void shouldMatchBigIntegerOnSampledUnsignedValues()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++)
        {
            final long n = random.nextLong();
            final int k = 1 + random.nextInt(FixedPoint.MAX_POW10_EXPONENT);
            final BigInteger unsigned = n < 0 ? BigInteger.valueOf(n).add(TWO_TO_64) : BigInteger.valueOf(n);
            final long expected = unsigned.divide(BigInteger.TEN.pow(k)).longValue();
            assertThat(PowerOfTenDivision.divideUnsigned(n, k)).as("%s / 10^%d", Long.toUnsignedString(n), k)
                .isEqualTo(expected);
        }
    }

    @Test
    void shouldRoundSignedQuotientsExactlyAsTheGeneralDivision()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final long[] edges = {0, 1, -1, 5, -5, 15, -15, 999_999, -999_999, 1_000_000, -1_000_000, 1_000_001,
            -1_000_001, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (final Rounding rounding : Rounding.values())
        {
            for (int k = 1; k <= FixedPoint.MAX_POW10_EXPONENT; k++)
            {
                for (final long value : edges)
                {
                    assertThat(FixedPoint.divideByPowerOfTen(value, k, rounding))
                        .as("%d / 10^%d %s", value, k, rounding)
                        .isEqualTo(FixedPoint.divide(value, FixedPoint.pow10(k), rounding));
                }
                for (int i = 0; i < 5_000; i++)
                {
                    final long value = random.nextLong() >> random.nextInt(64);
                    assertThat(FixedPoint.divideByPowerOfTen(value, k, rounding))
                        .as("%d / 10^%d %s", value, k, rounding)
                        .isEqualTo(FixedPoint.divide(value, FixedPoint.pow10(k), rounding));
                }
            }
        }
    }

    private static void assertQuotient(final long n, final int k)
    {
        final long expected = Long.divideUnsigned(n, FixedPoint.pow10(k));
        final long actual = PowerOfTenDivision.divideUnsigned(n, k);
        if (actual != expected)
        {
            throw new AssertionError(Long.toUnsignedString(n) + " / 10^" + k + ": expected " +
                Long.toUnsignedString(expected) + ", got " + Long.toUnsignedString(actual));
        }
    }
}
