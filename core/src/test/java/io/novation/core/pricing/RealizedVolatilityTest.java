package io.novation.core.pricing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RealizedVolatilityTest
{
    @Test
    void shouldBeRiskMetricsForRoundsOneDayApart()
    {
        final long variance = 400_000_000_000_000L; // σ 2 % a day
        final double r = StrictMath.log(1.05);
        final long next = RealizedVolatility.update(variance, 100_000, 105_000, RealizedVolatility.DAY_MS);

        final double expected = 0.94 * variance + 0.06 * r * r * 1e18;
        assertThat((double)next).isCloseTo(expected, within(2.0));
    }

    @Test
    void shouldDecayPerMinuteAsTheDailyLambdaSpreadOverTheDay()
    {
        assertThat(RealizedVolatility.decayOver(60_000)).isCloseTo(StrictMath.pow(0.94, 1.0 / 1440), within(1e-15));
        assertThat(StrictMath.pow(RealizedVolatility.decayOver(60_000), 1440)).isCloseTo(0.94, within(1e-12));
    }

    @Test
    void shouldWeighAReturnByTheTimeItTookSoIrregularRoundsAgree()
    {
        // A log-return r over two minutes adds what two one-minute returns whose squares sum to r² add: the
        // per-day sample scales with 1 / Δt and its weight with Δt.
        final long start = 400_000_000_000_000L;
        final double r = 0.002;
        final long p0 = 100_000_000L;
        final long once = RealizedVolatility.update(start, p0, StrictMath.round(p0 * StrictMath.exp(r)), 120_000);
        final long mid = StrictMath.round(p0 * StrictMath.exp(r / StrictMath.sqrt(2)));
        final long end = StrictMath.round(mid * StrictMath.exp(r / StrictMath.sqrt(2)));
        final long twice = RealizedVolatility.update(RealizedVolatility.update(start, p0, mid, 60_000), mid, end,
            60_000);

        assertThat(once).isGreaterThan(start);
        assertThat((double)twice).isCloseTo((double)once, within((once - start) * 0.01));
    }

    @Test
    void shouldRiseOnALargeMoveAndFallInCalm()
    {
        final long start = 400_000_000_000_000L;
        assertThat(RealizedVolatility.update(start, 120_000, 110_000, 60_000)).isGreaterThan(start);
        assertThat(RealizedVolatility.update(start, 120_000, 120_000, 60_000)).isLessThan(start);
    }

    @Test
    void shouldIgnoreRoundsWithoutElapsedTime()
    {
        assertThat(RealizedVolatility.update(123, 100, 200, 0)).isEqualTo(123);
    }

    @Test
    void shouldSaturateInsteadOfOverflowing()
    {
        assertThat(RealizedVolatility.update(RealizedVolatility.MAX_VARIANCE, 1, Long.MAX_VALUE, 1))
            .isEqualTo(RealizedVolatility.MAX_VARIANCE);
    }

    @Test
    void shouldConvertAnnualImpliedVolatilityToDailyVariance()
    {
        // 73 % a year is 3.82 % a day.
        final long variance = RealizedVolatility.varianceOfAnnualVolatility(730_000);
        assertThat(RealizedVolatility.volatilityPpm(variance)).isBetween(38_210L, 38_212L);
    }
}
