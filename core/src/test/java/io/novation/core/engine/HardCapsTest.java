package io.novation.core.engine;

import io.novation.core.command.ApplyRiskParameters;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.governance.GovernanceDelays;
import io.novation.core.governance.PositionCapsChange;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A market's hard open-interest cap and per-subaccount position limit refuse fills that would exceed them with
 * {@code OPEN_INTEREST_CAP} and {@code POSITION_LIMIT}, root unchanged; a fill that reduces is always allowed; caps
 * off leave every root as before.
 */
class HardCapsTest
{
    private final EngineFixture fx = new EngineFixture();

    @BeforeEach
    void fund()
    {
        for (final String name : new String[] {"alice", "bob", "carol"})
        {
            assertThat(fx.depositUsdc(name, 0, 100_000)).isTrue();
        }
    }

    /** Sets the caps as governance will (engine-package access), in whole BTC. */
    private void caps(final long openInterestBtc, final long positionBtc)
    {
        fx.engine.state().markets().perpetual(BTC).hardCaps(openInterestBtc * ONE_BTC, positionBtc * ONE_BTC);
        fx.engine.state().markGlobalChanged();
    }

    private void assertRejectedWith(final RejectReason reason, final byte[] rootBefore)
    {
        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected).as("last event is a rejection").isNotNull();
        assertThat(rejected.code()).isEqualTo(reason);
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
    }

    @Test
    void shouldRefuseAFillThatTakesOpenInterestAboveTheCapButAllowOneThatReduces()
    {
        caps(2, PerpetualMarket.NO_CAP);
        assertThat(fx.tradeBtc("alice", "bob", true, 15_000, 60_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.tradeBtc("carol", "bob", true, 6_000, 60_000)).isFalse();
        assertRejectedWith(RejectReason.OPEN_INTEREST_CAP, root);
        // Up to the cap exactly is allowed.
        assertThat(fx.tradeBtc("carol", "bob", true, 5_000, 60_000)).isTrue();
        // alice sells to carol: open interest stays 2 BTC, allowed.
        assertThat(fx.tradeBtc("alice", "carol", false, 5_000, 60_000)).isTrue();
        // bob buys back from alice: open interest falls, allowed.
        assertThat(fx.tradeBtc("alice", "bob", false, 5_000, 60_000)).isTrue();
        assertThat(fx.engine.state().markets().perpetual(BTC).openInterestBaseQuantums()).isEqualTo(3 * ONE_BTC / 2);
    }

    @Test
    void shouldRefuseAFillThatGrowsAPositionAboveTheLimitButAllowOneThatReduces()
    {
        caps(PerpetualMarket.NO_CAP, 1);
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.tradeBtc("alice", "carol", true, 1_000, 60_000)).isFalse();
        assertRejectedWith(RejectReason.POSITION_LIMIT, root);
        assertThat(fx.tradeBtc("carol", "bob", true, 1_000, 60_000)).isFalse();
        assertRejectedWith(RejectReason.POSITION_LIMIT, root);
        // A flip from +1 to -1.5 grows the absolute position above the limit.
        assertThat(fx.tradeBtc("alice", "carol", false, 25_000, 60_000)).isFalse();
        assertRejectedWith(RejectReason.POSITION_LIMIT, root);
        assertThat(fx.tradeBtc("alice", "carol", false, 4_000, 60_000)).isTrue();
        // The limit lowered below a position: reducing it further is still allowed.
        fx.engine.state().markets().perpetual(BTC).hardCaps(PerpetualMarket.NO_CAP, ONE_BTC / 10);
        fx.engine.state().markGlobalChanged();
        assertThat(fx.tradeBtc("alice", "bob", false, 1_000, 60_000)).isTrue();
        assertThat(fx.position("bob", 0, BTC)).isEqualTo(-9 * ONE_BTC / 10);
    }

    @Test
    void shouldCommitAndSnapshotTheCapsOnlyWhenSet()
    {
        final byte[] without = fx.engine.stateRoot();
        caps(5, 2);
        final byte[] with = fx.engine.stateRoot();
        assertThat(with).isNotEqualTo(without);
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(with);
        assertThat(restored.state().markets().perpetual(BTC).positionLimit()).isEqualTo(2 * ONE_BTC);
        caps(PerpetualMarket.NO_CAP, PerpetualMarket.NO_CAP);
        assertThat(fx.engine.stateRoot()).isEqualTo(without);
    }

    @Test
    void shouldSetTheCapsThroughAScheduledRiskParameterChangeAndWaitLongerToLiftThem()
    {
        // Turning the caps on tightens: the short delay.
        long now = fx.tick();
        assertThat(fx.apply(new SetRiskParameters(now, 1, now + GovernanceDelays.TIGHTEN_MS,
            new PositionCapsChange(BTC, 2 * ONE_BTC, ONE_BTC)))).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 15_000, 60_000)).isTrue();
        fx.advance(GovernanceDelays.TIGHTEN_MS);
        assertThat(fx.btcPrice(60_000)).isTrue();
        final ApplyRiskParameters due = fx.engine.dueRiskParameters(fx.now(), fx.engine.state().time());
        assertThat(due).isNotNull();
        assertThat(fx.apply(due)).isTrue();
        assertThat(fx.engine.state().markets().perpetual(BTC).openInterestCap()).isEqualTo(2 * ONE_BTC);
        final byte[] root = fx.engine.stateRoot();
        // alice already holds 1.5 BTC, above the new 1 BTC limit: growing it is refused, reducing it is allowed.
        assertThat(fx.tradeBtc("alice", "carol", true, 1_000, 60_000)).isFalse();
        assertRejectedWith(RejectReason.POSITION_LIMIT, root);
        assertThat(fx.tradeBtc("alice", "carol", false, 1_000, 60_000)).isTrue();

        // Lifting them loosens: the short delay is refused, the long one accepted.
        final byte[] beforeLift = fx.engine.stateRoot();
        now = fx.tick();
        assertThat(fx.apply(new SetRiskParameters(now, 2, now + GovernanceDelays.TIGHTEN_MS,
            new PositionCapsChange(BTC, PerpetualMarket.NO_CAP, PerpetualMarket.NO_CAP)))).isFalse();
        assertRejectedWith(RejectReason.GOVERNANCE_DELAY_TOO_SHORT, beforeLift);
        assertThat(fx.apply(new SetRiskParameters(now, 2, now + GovernanceDelays.LOOSEN_MS,
            new PositionCapsChange(BTC, PerpetualMarket.NO_CAP, PerpetualMarket.NO_CAP)))).isTrue();
        assertThat(((Event.RiskParametersScheduled)fx.events.last()).loosens()).isTrue();
    }
}
