package io.novation.core.engine;

import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.CancelRiskParameters;
import io.novation.core.command.Command;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.LiquidityTierChange;
import io.novation.core.governance.MarketFeesChange;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.market.LiquidityTier;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timelocked risk parameter changes: scheduled at an effective time no earlier than their kind's delay (longer when
 * they loosen risk), pending and committed until then, applied by the sequencer's own command, cancellable before,
 * each id used once; bad input rejected with the root unchanged.
 */
class GovernanceTest
{
    private static final long HOUR = GovernanceDelays.HOUR_MS;

    private final EngineFixture fx = new EngineFixture();

    /** BTC's tier is 5 % initial, 60 % maintenance fraction; 6 % initial tightens it. */
    private static LiquidityTierChange btcTier(final long initialMarginPpm)
    {
        return new LiquidityTierChange(BTC, initialMarginPpm, 600_000, 0, 0, 0);
    }

    private boolean schedule(final long id, final long delay, final RiskParameterChange change)
    {
        final long now = fx.tick();
        return fx.apply(new SetRiskParameters(now, id, now + delay, change));
    }

    private void assertRejectedWith(final RejectReason reason, final byte[] rootBefore)
    {
        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected).as("last event is a rejection").isNotNull();
        assertThat(rejected.code()).isEqualTo(reason);
        assertThat(rejected.message()).isNotBlank();
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
    }

    /** Applies what the sequencer would at a time, returning the number of changes applied. */
    private int applyDue(final long now)
    {
        if (now > fx.now())
        {
            fx.advance(now - fx.now());
        }
        int count = 0;
        ApplyRiskParameters due;
        while ((due = fx.engine.dueRiskParameters(now, fx.engine.state().time())) != null)
        {
            assertThat(fx.apply(due)).isTrue();
            count++;
        }
        return count;
    }

    @Test
    void shouldApplyATighteningTierChangeOnlyOnceItsEffectiveTimeComes()
    {
        final byte[] rootBefore = fx.engine.stateRoot();
        assertThat(schedule(1, HOUR, btcTier(60_000))).isTrue();
        final long effective = fx.now() + HOUR;

        final Event.RiskParametersScheduled scheduled = (Event.RiskParametersScheduled)fx.events.last();
        assertThat(scheduled.changeId()).isEqualTo(1);
        assertThat(scheduled.kind()).isEqualTo("liquidityTier");
        assertThat(scheduled.effectiveTime()).isEqualTo(effective);
        assertThat(scheduled.loosens()).isFalse();
        assertThat(fx.engine.state().governance().pendingCount()).isEqualTo(1);
        assertThat(fx.engine.stateRoot()).as("the pending change is committed").isNotEqualTo(rootBefore);
        assertThat(fx.engine.state().markets().perpetual(BTC).liquidityTier().initialMarginPpm()).isEqualTo(50_000);

        assertThat(applyDue(effective - 1)).isZero();
        assertThat(applyDue(effective)).isEqualTo(1);

        final LiquidityTier tier = fx.engine.state().markets().perpetual(BTC).liquidityTier();
        assertThat(tier.initialMarginPpm()).isEqualTo(60_000);
        assertThat(tier.name()).isEqualTo("large-cap");
        assertThat(fx.engine.state().markets().perpetual(BTC).maintenanceMarginPpm(0)).isEqualTo(36_000);
        assertThat(fx.events.events()).contains(new Event.RiskParametersApplied(fx.engine.state().sequence(), 1,
            "liquidityTier", btcTier(60_000)));
        assertThat(fx.engine.state().governance().pendingCount()).isZero();
        assertThat(fx.engine.state().time()).isEqualTo(effective);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRejectTheSequencersApplicationBeforeTheEffectiveTime()
    {
        assertThat(schedule(1, HOUR, btcTier(60_000))).isTrue();
        final long effective = fx.now() + HOUR;
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new ApplyRiskParameters(effective - 1, 1))).isFalse();

        assertRejectedWith(RejectReason.CHANGE_NOT_DUE, root);
        assertThat(fx.engine.state().governance().pendingCount()).isEqualTo(1);
    }

    @Test
    void shouldMakeALooseningChangeWaitTheLongerDelay()
    {
        final byte[] root = fx.engine.stateRoot();

        assertThat(schedule(1, GovernanceDelays.LOOSEN_MS - 1, btcTier(40_000))).isFalse();
        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, root);

        assertThat(schedule(1, GovernanceDelays.LOOSEN_MS, btcTier(40_000))).isTrue();
        assertThat(((Event.RiskParametersScheduled)fx.events.last()).loosens()).isTrue();
    }

    @Test
    void shouldRejectATighteningBeforeItsDelayWithTheRootUnchanged()
    {
        final byte[] root = fx.engine.stateRoot();

        assertThat(schedule(1, HOUR - 1, btcTier(60_000))).isFalse();

        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, root);
        assertThat(fx.engine.state().governance().isEmpty()).isTrue();
    }

    @Test
    void shouldTreatLowerFeesAsLooseningAndHigherFeesAsTightening()
    {
        assertThat(schedule(1, HOUR, new MarketFeesChange(BTC, -50, 400))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.GOVERNANCE_DELAY_TOO_SHORT);

        assertThat(schedule(2, HOUR, new MarketFeesChange(BTC, 0, 600))).isTrue();
        applyDue(fx.now() + HOUR);

        assertThat(fx.engine.state().markets().perpetual(BTC).makerFeePpm()).isZero();
        assertThat(fx.engine.state().markets().perpetual(BTC).takerFeePpm()).isEqualTo(600);
    }

    @Test
    void shouldCancelAPendingChangeSoThatItNeverApplies()
    {
        assertThat(schedule(7, GovernanceDelays.LOOSEN_MS, btcTier(40_000))).isTrue();

        assertThat(fx.apply(new CancelRiskParameters(fx.tick(), 7))).isTrue();

        assertThat(fx.events.last()).isEqualTo(new Event.RiskParametersCancelled(fx.engine.state().sequence(), 7,
            "liquidityTier", "CANCELLED"));
        assertThat(applyDue(fx.now() + GovernanceDelays.LOOSEN_MS)).isZero();
        assertThat(fx.engine.state().markets().perpetual(BTC).liquidityTier().initialMarginPpm()).isEqualTo(50_000);
    }

    @Test
    void shouldRejectCancelOfAnUnknownOrAlreadyAppliedChange()
    {
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new CancelRiskParameters(fx.tick(), 99))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_CHANGE, root);

        assertThat(schedule(1, HOUR, btcTier(60_000))).isTrue();
        applyDue(fx.now() + HOUR);
        final byte[] applied = fx.engine.stateRoot();
        assertThat(fx.apply(new CancelRiskParameters(fx.tick(), 1))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_CHANGE, applied);
    }

    @Test
    void shouldRejectAReplayedChangeIdWhetherPendingAppliedOrCancelled()
    {
        assertThat(schedule(1, HOUR, btcTier(60_000))).isTrue();
        byte[] root = fx.engine.stateRoot();
        assertThat(schedule(1, HOUR, btcTier(70_000))).isFalse();
        assertRejectedWith(RejectReason.CHANGE_ID_USED, root);

        applyDue(fx.now() + HOUR);
        root = fx.engine.stateRoot();
        assertThat(schedule(1, HOUR, btcTier(70_000))).isFalse();
        assertRejectedWith(RejectReason.CHANGE_ID_USED, root);

        assertThat(schedule(2, HOUR, btcTier(70_000))).isTrue();
        assertThat(fx.apply(new CancelRiskParameters(fx.tick(), 2))).isTrue();
        root = fx.engine.stateRoot();
        assertThat(schedule(2, HOUR, btcTier(70_000))).isFalse();
        assertRejectedWith(RejectReason.CHANGE_ID_USED, root);
    }

    @Test
    void shouldRejectATierOutsideItsValidRange()
    {
        final byte[] root = fx.engine.stateRoot();

        assertThat(schedule(1, HOUR, btcTier(1_000_001))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);
        assertThat(schedule(2, HOUR, new LiquidityTierChange(BTC, 60_000, 0, 0, 0, 0))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);
        assertThat(schedule(3, HOUR, new LiquidityTierChange(BTC, 60_000, 600_000, 0, 10, 5))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);
        assertThat(schedule(4, HOUR, new MarketFeesChange(BTC, -600, 500))).isFalse();
        assertRejectedWith(RejectReason.RISK_PARAMETER_OUT_OF_RANGE, root);
        assertThat(schedule(5, HOUR, new LiquidityTierChange(42, 60_000, 600_000, 0, 0, 0))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_MARKET, root);
    }

    @Test
    void shouldRejectANonPositiveChangeIdAndAMissingChange()
    {
        final byte[] root = fx.engine.stateRoot();

        assertThat(schedule(0, HOUR, btcTier(60_000))).isFalse();
        assertRejectedWith(RejectReason.INVALID_COMMAND, root);
        assertThat(schedule(1, HOUR, null)).isFalse();
        assertRejectedWith(RejectReason.INVALID_COMMAND, root);
    }

    @Test
    void shouldReachTheSameRootFromASnapshotWithAPendingChangeAndTheJournaledApplication()
    {
        assertThat(schedule(1, HOUR, btcTier(60_000))).isTrue();
        assertThat(schedule(2, GovernanceDelays.LOOSEN_MS, new MarketFeesChange(BTC, -200, 400))).isTrue();
        final byte[] snapshot = SnapshotCodec.write(fx.engine);
        final ClearingEngine restored = SnapshotCodec.read(snapshot, fx.engine.config(), EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().governance().pendingChanges())
            .isEqualTo(fx.engine.state().governance().pendingChanges());

        final Command application = fx.engine.dueRiskParameters(fx.now() + HOUR, fx.now());
        final byte[] journaled = CommandCodec.encode(application);
        assertThat(fx.apply(CommandCodec.decode(journaled))).isTrue();
        assertThat(restored.apply(CommandCodec.decode(journaled))).isTrue();

        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        final ClearingEngine again = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);
        assertThat(again.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(again.state().governance().known(1)).isTrue();
    }

    @Test
    void shouldRoundTripTheGovernanceCommandsThroughTheBinaryCodec()
    {
        final Command[] commands = {
            new SetRiskParameters(5, 3, 5 + HOUR, new LiquidityTierChange(BTC, 60_000, 600_000, 1_000, 7, 9)),
            new SetRiskParameters(5, 4, 5 + HOUR, new MarketFeesChange(BTC, -100, 700)),
            new CancelRiskParameters(6, 3),
            new ApplyRiskParameters(7, 4)};
        for (final Command command : commands)
        {
            assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
        }
    }
}
