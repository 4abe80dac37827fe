package io.novation.sim.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature bound measures the CPU time of a recovery beside its rate, and a run's CPU share is the part of each
 * fill's CPU time its distinct signatures' recoveries take.
 */
class SignatureBoundTest
{
    @Test
    void shouldMeasureTheCpuTimeOfARecoveryBesideTheRate()
    {
        final SignatureBound bound = SignatureBound.measure(1, 100, 300);

        assertThat(bound.recoveriesPerSecondPerCore()).isPositive();
        assertThat(bound.cpuMicrosPerRecovery()).isPositive();
        // A thread cannot spend more CPU per recovery than the wall time each took.
        assertThat(bound.cpuMicrosPerRecovery()).isLessThanOrEqualTo(1.05e6 / bound.recoveriesPerSecondPerCore());
    }

    @Test
    void shouldShareAFillsCpuTimeBetweenItsRecoveriesAndTheRest()
    {
        final SignatureBound onePerOrder = new SignatureBound(10_000, 2, 2.0, 10_000, "native", 50);
        final SignatureBound manyPerOrder = new SignatureBound(10_000, 2, 2.0 / 500, 5_000_000, "native", 50);

        assertThat(onePerOrder.cpuShare(200)).isEqualTo(0.5);
        assertThat(manyPerOrder.cpuShare(20)).isEqualTo(0.01);
        assertThat(new SignatureBound(10_000, 2, 2.0, 10_000, "native", 0).cpuShare(200)).isZero();
    }
}
