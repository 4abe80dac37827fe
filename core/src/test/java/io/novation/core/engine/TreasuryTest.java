package io.novation.core.engine;

import io.novation.core.command.CommandCodec;
import io.novation.core.command.SweepFees;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.snapshot.SnapshotCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Governance's fee sweep moves quote quantums from the fee pool to a treasury subaccount, never more than the pool
 * holds, and rejects everything else with the state root unchanged.
 */
class TreasuryTest
{
    private final EngineFixture fx = new EngineFixture();

    /** Two funded traders and one fill: the pool holds the taker fee less the maker rebate, 12 USDC. */
    private long collectFees(final EngineFixture fixture)
    {
        assertThat(fixture.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fixture.depositUsdc("bob", 0, 10_000)).isTrue();
        assertThat(fixture.tradeBtc("alice", "bob", true, 5_000, 60_000)).isTrue();
        return fixture.engine.state().feePool();
    }

    private void assertRejectedWith(final RejectReason reason, final byte[] rootBefore, final long poolBefore)
    {
        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected).as("last event is a rejection").isNotNull();
        assertThat(rejected.code()).isEqualTo(reason);
        assertThat(rejected.message()).isNotBlank();
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
        assertThat(fx.engine.state().feePool()).isEqualTo(poolBefore);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldSweepFeesFromThePoolToTheTreasurySubaccountsQuoteCollateral()
    {
        assertThat(collectFees(fx)).isEqualTo(12 * USDC);
        final byte[] rootBefore = fx.engine.stateRoot();

        assertThat(fx.apply(new SweepFees(fx.tick(), address("treasury"), 3, 10 * USDC))).isTrue();

        assertThat(fx.usdcBalance("treasury", 3)).isEqualTo(10 * USDC);
        assertThat(fx.engine.state().feePool()).isEqualTo(2 * USDC);
        assertThat(fx.events.last()).isEqualTo(new Event.FeesSwept(fx.engine.state().sequence(),
            address("treasury"), 3, 10 * USDC, 2 * USDC));
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
        assertThat(fx.engine.stateRoot()).isNotEqualTo(rootBefore);
    }

    @Test
    void shouldRestoreASweptStateFromASnapshotAndItsJournaledSweepToTheSameRoot()
    {
        collectFees(fx);
        final byte[] beforeSweep = SnapshotCodec.write(fx.engine);
        final byte[] journaled = CommandCodec.encode(new SweepFees(fx.tick(), address("treasury"), 0, 7 * USDC));

        assertThat(fx.apply(CommandCodec.decode(journaled))).isTrue();

        final ClearingEngine replayed = SnapshotCodec.read(beforeSweep, fx.engine.config(), EventSink.NONE);
        assertThat(replayed.apply(CommandCodec.decode(journaled))).isTrue();
        assertThat(replayed.stateRoot()).isEqualTo(fx.engine.stateRoot());
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().feePool()).isEqualTo(5 * USDC);
    }

    @Test
    void shouldSweepTheWholePoolIntoAnExistingSubaccount()
    {
        final long pool = collectFees(fx);
        final long aliceBefore = fx.usdcBalance("alice", 0);

        assertThat(fx.apply(new SweepFees(fx.tick(), address("alice"), 0, pool))).isTrue();

        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(aliceBefore + pool);
        assertThat(fx.engine.state().feePool()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRejectSweepBeyondTheFeePoolWithTheRootUnchanged()
    {
        final long pool = collectFees(fx);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new SweepFees(fx.tick(), address("treasury"), 0, pool + 1))).isFalse();

        assertRejectedWith(RejectReason.FEE_POOL_INSUFFICIENT, root, pool);
        assertThat(fx.engine.state().accounts().find(address("treasury"))).isNull();
    }

    @Test
    void shouldRejectSweepOfAnEmptyPool()
    {
        assertThat(fx.depositUsdc("alice", 0, 10)).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new SweepFees(fx.tick(), address("alice"), 0, 1))).isFalse();

        assertRejectedWith(RejectReason.FEE_POOL_INSUFFICIENT, root, 0);
    }

    @Test
    void shouldRejectMalformedSweepsWithTheRootUnchanged()
    {
        final long pool = collectFees(fx);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new SweepFees(fx.tick(), address("treasury"), 0, 0))).isFalse();
        assertRejectedWith(RejectReason.INVALID_AMOUNT, root, pool);
        assertThat(fx.apply(new SweepFees(fx.tick(), address("treasury"), 0, -USDC))).isFalse();
        assertRejectedWith(RejectReason.INVALID_AMOUNT, root, pool);
        assertThat(fx.apply(new SweepFees(fx.tick(), null, 0, USDC))).isFalse();
        assertRejectedWith(RejectReason.INVALID_COMMAND, root, pool);
        assertThat(fx.apply(new SweepFees(fx.tick(), address("treasury"), 256, USDC))).isFalse();
        assertRejectedWith(RejectReason.INVALID_SUBACCOUNT, root, pool);
    }

    @Property(tries = 40)
    void shouldConserveQuoteExactlyWhetherTheSweepAppliesOrNot(
        @ForAll @LongRange(min = 1, max = 30_000_000) final long amount,
        @ForAll @IntRange(min = 0, max = 255) final int subaccount)
    {
        final EngineFixture fixture = new EngineFixture();
        final long pool = collectFees(fixture);
        final byte[] root = fixture.engine.stateRoot();

        final boolean applied = fixture.apply(new SweepFees(fixture.tick(), address("treasury"), subaccount, amount));

        assertThat(applied).isEqualTo(amount <= pool);
        assertThat(Conservation.holds(fixture.engine.state())).isTrue();
        if (applied)
        {
            assertThat(fixture.engine.state().feePool()).isEqualTo(pool - amount);
            assertThat(fixture.usdcBalance("treasury", subaccount)).isEqualTo(amount);
        }
        else
        {
            assertThat(fixture.engine.state().feePool()).isEqualTo(pool);
            assertThat(fixture.engine.stateRoot()).isEqualTo(root);
        }
    }
}
