package io.novation.solvency.prover;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The prover's progress line: bar, chunks, elapsed time and the estimate of the time left at the pace so far. */
class ProgressBarTest
{
    @Test
    void shouldEstimateTheTimeLeftFromTheMeanTimePerChunk()
    {
        assertThat(ProgressBar.etaMillis(8, 24, 16_000)).isEqualTo(32_000);
        assertThat(ProgressBar.etaMillis(3, 4, 1_000)).as("rounded up").isEqualTo(334);
        assertThat(ProgressBar.render(8, 24, 16_000))
            .isEqualTo("[##########....................] 8/24 chunks  0:16 elapsed  ETA 0:32");
        assertThat(ProgressBar.render(24, 24, 61_000))
            .isEqualTo("[##############################] 24/24 chunks  1:01 elapsed");
    }
}
