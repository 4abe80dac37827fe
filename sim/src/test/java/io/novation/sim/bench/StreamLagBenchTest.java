package io.novation.sim.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StreamLagBenchTest
{
    @Test
    void shouldTimeEveryEventOfAShortPacedLoadOnBothSubscribers(@TempDir final Path dataRoot) throws Exception
    {
        final StreamLagBench.Result r = StreamLagBench.run(1_500, 2, 50, 1, dataRoot);
        // 2 s × 50 batches of 10 fills, 3 events each.
        assertThat(r.publicEvents()).isEqualTo(3_000);
        // Trader 0 is a party to one fill in ten: its TradeSettled and its PositionChanged.
        assertThat(r.privateEvents()).isEqualTo(200);
        assertThat(r.publicLagMillis()[0]).isPositive().isLessThanOrEqualTo(r.publicLagMillis()[1]);
        assertThat(r.privateLagMillis()[1]).isPositive().isLessThanOrEqualTo(r.privateLagMillis()[2]);
        assertThat(StreamLagBenchCommand.table(r)).contains("public").contains("private");
    }
}
