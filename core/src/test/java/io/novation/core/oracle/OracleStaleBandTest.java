package io.novation.core.oracle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OracleStaleBandTest
{
    private static final OracleParameters DEFAULTS = OracleParameters.DEFAULTS;

    @Test
    void shouldBeZeroWhileFresh()
    {
        assertThat(StaleBand.halfWidthPpm(DEFAULTS, 0)).isZero();
        assertThat(StaleBand.halfWidthPpm(DEFAULTS, DEFAULTS.heartbeatMs())).isZero();
    }

    @Test
    void shouldWidenPerStartedMinuteOfStalenessUpToTheMaximum()
    {
        // base 1 % plus 1 % per started minute past the heartbeat, at most 25 %.
        assertThat(StaleBand.halfWidthPpm(DEFAULTS, DEFAULTS.heartbeatMs() + 1)).isEqualTo(20_000);
        assertThat(StaleBand.halfWidthPpm(DEFAULTS, DEFAULTS.heartbeatMs() + 60_000)).isEqualTo(20_000);
        assertThat(StaleBand.halfWidthPpm(DEFAULTS, DEFAULTS.heartbeatMs() + 60_001)).isEqualTo(30_000);
        assertThat(StaleBand.halfWidthPpm(DEFAULTS, DEFAULTS.heartbeatMs() + 24 * 60_000)).isEqualTo(250_000);
        assertThat(StaleBand.halfWidthPpm(DEFAULTS, Long.MAX_VALUE / 2)).isEqualTo(250_000);
    }

    @Test
    void shouldValueLongsAtLowEdgeAndShortsAtHighEdgeRoundingAgainstTheHolder()
    {
        assertThat(StaleBand.worstEdge(1_000_001, 10_000, 1)).isEqualTo(990_000);
        assertThat(StaleBand.worstEdge(1_000_001, 10_000, -1)).isEqualTo(1_010_002);
        assertThat(StaleBand.worstEdge(1_000_001, 0, -1)).isEqualTo(1_000_001);
    }

    @Test
    void shouldNotWidenWithoutWideningRate()
    {
        final OracleParameters flat = new OracleParameters(3, 60_000, 5_000, 120_000, 900_000, 100_000, 5, 10_000, 0,
            250_000);
        assertThat(StaleBand.halfWidthPpm(flat, 10 * 3_600_000L)).isEqualTo(10_000);
    }
}
