package io.novation.sim.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WholeNodeBenchTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSettleEveryFillInProcessOverHttpAndOverTheFeed() throws Exception
    {
        for (final WholeNodeBench.Transport transport : WholeNodeBench.Transport.values())
        {
            final WholeNodeBench.Result result = WholeNodeBench.run(transport, 2_000, 250, 2, dir);

            assertThat(result.notApplied()).as("fills not applied over %s", transport).isZero();
            assertThat(result.perSecond()).isPositive();
            assertThat(result.p50Millis()).isLessThanOrEqualTo(result.p99Millis());
            assertThat(result.p99Millis()).isLessThanOrEqualTo(result.maxMillis());
            assertThat(result.cpuMicrosPerCommand()).as("CPU per fill over %s", transport).isPositive();
            assertThat(result.cpuMicrosByThread()).as("CPU by thread over %s", transport)
                .containsKey("novation-sequencer");
        }
    }

    @Test
    void shouldSettleEveryFillAfterAWarmUpWithoutTheHistoryFollower() throws Exception
    {
        for (final WholeNodeBench.Transport transport : WholeNodeBench.Transport.values())
        {
            final WholeNodeBench.Result result = WholeNodeBench.run(transport, 1_000, 250, 2, 1, dir, false, 500);

            assertThat(result.notApplied()).as("fills not applied over %s", transport).isZero();
            assertThat(result.warmupNotApplied()).as("warm-up fills not applied over %s", transport).isZero();
            assertThat(result.commands()).isEqualTo(1_000);
            assertThat(result.cpuMicrosByThread()).containsKey("novation-sequencer")
                .doesNotContainKey("novation-history");
        }
    }

    @Test
    void shouldCountTheWarmUpsRejectedFillsApartFromTheMeasuredOnes()
    {
        final WholeNodeBench.NotApplied notApplied = new WholeNodeBench.NotApplied(2);

        notApplied.add(0, 250);
        notApplied.add(1, 3);
        notApplied.add(2, 0);
        notApplied.add(3, 1);

        assertThat(notApplied.warmup()).isEqualTo(253);
        assertThat(notApplied.measured()).isEqualTo(1);
    }

    @Test
    void shouldFailTheRunWhenTheHistoryHasNotCaughtUp()
    {
        assertThatThrownBy(() -> WholeNodeBench.requireHistoryCaughtUp(false, "measured load"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("history follower had not applied the measured load's fills");
        assertThatCode(() -> WholeNodeBench.requireHistoryCaughtUp(true, "measured load")).doesNotThrowAnyException();
    }
}
