package io.novation.core.commitment;

import io.novation.core.command.SealBatch;
import io.novation.core.engine.BatchProvability;
import io.novation.core.engine.EngineFixture;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch that could not be proven solvent is not sealed: while an account is short after its collateral at the
 * batch's prices (an uncovered deficit, docs/solvency.md) {@code sealBatch} is refused with {@code BATCH_UNPROVABLE}
 * naming it and the state is left alone; once the deficit is gone the same batch seals.
 */
class UnprovableBatchTest
{
    private static final byte[] NO_COMMANDS = new byte[32];

    private final EngineFixture fx = new EngineFixture();

    @Test
    void shouldRefuseToSealABatchWithAnUncoveredDeficitAndSealItOnceCovered()
    {
        fx.depositUsdc("alice", 0, 1_000);
        fx.depositUsdc("bob", 0, 100_000);
        assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isTrue();
        assertThat(BatchProvability.firstUncovered(fx.engine.state())).isNull();
        for (long price = 59_000; price >= 45_000; price -= 1_000)
        {
            assertThat(fx.btcPrice(price)).isTrue();
        }
        final BatchProvability.Uncovered uncovered = BatchProvability.firstUncovered(fx.engine.state());
        assertThat(uncovered).isNotNull();
        assertThat(uncovered.owner()).isEqualTo(address("alice"));
        assertThat(uncovered.shortfall()).as("a loss of 1,500 USDC on 1,000, less fees").isBetween(
            BigInteger.valueOf(450 * USDC), BigInteger.valueOf(550 * USDC));
        final byte[] rootBefore = fx.engine.stateRoot();

        assertThat(fx.apply(new SealBatch(fx.tick(), fx.engine.nextBatchHeader(NO_COMMANDS)))).isFalse();

        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected.code()).isEqualTo(RejectReason.BATCH_UNPROVABLE);
        assertThat(rejected.message()).contains(address("alice").toString())
            .contains("short " + uncovered.shortfall() + " ");
        assertThat(fx.engine.stateRoot()).isEqualTo(rootBefore);
        assertThat(fx.engine.state().batchCount()).isZero();

        for (long price = 46_000; price <= 50_000; price += 1_000)
        {
            assertThat(fx.btcPrice(price)).isTrue();
        }
        assertThat(BatchProvability.firstUncovered(fx.engine.state())).isNull();
        final BatchHeader header = fx.engine.nextBatchHeader(NO_COMMANDS);
        assertThat(fx.apply(new SealBatch(fx.tick(), header))).isTrue();
        assertThat(fx.engine.state().batchCount()).isEqualTo(1);
    }
}
