package io.novation.core.pricing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarginTargetTest
{
    @Test
    void shouldAskForTheNinetyNinePercentOneDayMove()
    {
        // σ 2 % a day: 2.326 × 2 % = 4.65 %, rounded up to the ppm.
        assertThat(MarginTarget.imfPpm(400_000_000_000_000L)).isEqualTo(46_527L);
    }

    @Test
    void shouldStartWhereTheTierIs()
    {
        final long variance = MarginTarget.varianceAt(50_000);
        assertThat(MarginTarget.imfPpm(variance)).isBetween(50_000L, 50_001L);
    }

    @Test
    void shouldCapAtTheWholeNotional()
    {
        assertThat(MarginTarget.imfPpm(RealizedVolatility.MAX_VARIANCE)).isEqualTo(1_000_000L);
    }
}
