package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.command.Liquidate;
import io.novation.core.command.ReportMarketDepth;
import io.novation.core.command.Command;
import io.novation.core.command.SetRiskParameters;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.RejectReason;
import io.novation.core.market.DepthPenaltyBounds;
import io.novation.core.market.MarginControllerBounds;
import io.novation.core.governance.DepthPenaltyBoundsChange;
import io.novation.core.governance.MarginControllerBoundsChange;
import io.novation.core.governance.RiskParameterChange;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The margin controller and the depth penalty through the engine, on the fixture's BTC-USD (IMF 5 %, MMF 60 % of
 * it): bounds, the raise after a drop and what margin sees of it, the depth-driven fill and fee of a liquidation, and
 * the risk state in the root and the snapshot.
 */
class MarketRiskEngineTest
{
    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    /** 5 % to 20 %, 1 % a step, no minimum interval, raises after 5 minutes, cuts after 6 hours. */
    private static final MarginControllerBounds BOUNDS =
        new MarginControllerBounds(50_000, 200_000, 10_000, 0, 5 * MINUTE, 6 * 60 * MINUTE,
            MarginControllerBounds.RISKMETRICS_HALF_LIFE_MS);

    private final EngineFixture fx = new EngineFixture();
    private long changeId;

    /** Schedules a governance change with the longest delay (a loosening's) and applies it when due. */
    private boolean govern(final RiskParameterChange change)
    {
        final long now = fx.tick();
        if (!fx.apply(new SetRiskParameters(now, ++changeId, now + DAY, change)))
        {
            return false;
        }
        fx.advance(DAY);
        Command due;
        while ((due = fx.engine.dueRiskParameters(fx.now(), fx.engine.state().time())) != null)
        {
            assertThat(fx.apply(due)).isTrue();
        }
        return true;
    }

    private boolean govern(final MarginControllerBounds controller, final DepthPenaltyBounds depth)
    {
        return govern(new MarginControllerBoundsChange(BTC, controller)) &&
            govern(new DepthPenaltyBoundsChange(BTC, depth));
    }

    private <T extends Event> List<T> all(final Class<T> type)
    {
        return fx.events.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private boolean btcAt(final long time, final long usd)
    {
        return fx.apply(fx.priceRound(time, BTC_ORACLE, usd * BTC_USD));
    }

    private long imf()
    {
        return fx.engine.state().markets().perpetual(BTC).liquidityTier().initialMarginPpm();
    }

    @Test
    void shouldRejectBoundsThatExcludeTheMarketsMarginAndLeaveTheRoot()
    {
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new SetRiskParameters(fx.tick(), 1, fx.now() + DAY, new MarginControllerBoundsChange(BTC,
            new MarginControllerBounds(60_000, 200_000, 10_000, 0, 0, 0, MINUTE))))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.RISK_PARAMETER_OUT_OF_RANGE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldForgetTheControllerAndReturnToTheTierWhenGovernanceTurnsItOff()
    {
        assertThat(govern(BOUNDS, null)).isTrue();
        assertThat(fx.engine.state().risk().isEmpty()).isFalse();
        assertThat(govern(null, null)).isTrue();

        assertThat(fx.engine.state().risk().isEmpty()).isTrue();
        assertThat(imf()).isEqualTo(50_000);
    }

    @Test
    void shouldRaiseTheInitialMarginAfterTheTighteningDelaySoThatAWithdrawalItNoLongerCoversIsRefused()
    {
        assertThat(fx.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
        assertThat(govern(BOUNDS, null)).isTrue();
        final long t = fx.advance(MINUTE);
        assertThat(btcAt(t, 60_000)).isTrue();
        assertThat(btcAt(t + MINUTE, 57_000)).isTrue(); // −5 % in a minute

        final Event.MarginAdjustmentScheduled scheduled = all(Event.MarginAdjustmentScheduled.class).get(0);
        assertThat(scheduled.fromImfPpm()).isEqualTo(50_000);
        assertThat(scheduled.toImfPpm()).isBetween(51_000L, 60_000L);
        assertThat(scheduled.effectiveAt()).isEqualTo(t + MINUTE + 5 * MINUTE);
        assertThat(imf()).isEqualTo(50_000);
        // Alice: 10,000 − 3,000 of loss; 1 BTC at 57,000 needs 2,850 at 5 %: 4,000 out leaves 3,000, enough now.
        assertThat(btcAt(t + 6 * MINUTE, 57_000)).isTrue();

        assertThat(imf()).isEqualTo(scheduled.toImfPpm());
        assertThat(all(Event.MarginAdjustmentApplied.class)).hasSize(1);
        fx.advance(7 * MINUTE);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 4_000 * USDC, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 3_000 * USDC, 1))).isTrue();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldFollowTheImpliedVolatilityWhenItExceedsTheRealized()
    {
        assertThat(govern(BOUNDS, null)).isTrue();
        // 146 % a year is 7.64 % a day: the target is 2.326 × 7.64 % = 17.8 %, held to one step.
        assertThat(fx.flatBtcSurface(1.46, fx.now() + 30 * DAY)).isTrue();
        final long t = fx.advance(MINUTE);
        assertThat(btcAt(t, 60_000)).isTrue();
        assertThat(btcAt(t + MINUTE, 60_000)).isTrue();

        final Event.MarginAdjustmentScheduled scheduled = all(Event.MarginAdjustmentScheduled.class).get(0);
        assertThat(scheduled.volatilityPpm()).isBetween(76_000L, 77_000L);
        assertThat(scheduled.targetImfPpm()).isBetween(177_000L, 179_000L);
        assertThat(scheduled.toImfPpm()).isEqualTo(60_000);
    }

    @Test
    void shouldRestoreTheRiskStateFromASnapshotToTheSameRootAndTheSameNextDecisions()
    {
        assertThat(govern(BOUNDS, new DepthPenaltyBounds(500_000, 20_000, 5 * MINUTE))).isTrue();
        assertThat(fx.apply(new ReportMarketDepth(fx.tick(), BTC, List.of(
            new ReportMarketDepth.Level(10_000, 10_000 * USDC, 12_000 * USDC))))).isTrue();
        final long t = fx.advance(MINUTE);
        assertThat(btcAt(t, 60_000)).isTrue();
        assertThat(btcAt(t + MINUTE, 56_000)).isTrue();
        assertThat(btcAt(t + 7 * MINUTE, 56_000)).isTrue();
        assertThat(btcAt(t + 8 * MINUTE, 50_000)).isTrue();

        final byte[] snapshot = SnapshotCodec.write(fx.engine);
        final EventLog restoredEvents = new EventLog();
        final ClearingEngine restored = SnapshotCodec.read(snapshot, fx.engine.config(), restoredEvents);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(SnapshotCodec.write(restored)).isEqualTo(snapshot);

        final int before = fx.events.events().size();
        assertThat(btcAt(t + 14 * MINUTE, 50_000)).isTrue();
        assertThat(restored.apply(fx.priceRound(t + 14 * MINUTE, BTC_ORACLE, 50_000 * BTC_USD))).isTrue();
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restoredEvents.events()).isEqualTo(fx.events.events().subList(before, fx.events.events().size()));
        assertThat(imf()).isGreaterThan(50_000);
    }

    @Test
    void shouldRefuseADepthReportThatIsMalformedOrNotNewer()
    {
        final ReportMarketDepth.Level one = new ReportMarketDepth.Level(10_000, 5 * USDC, 5 * USDC);
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new ReportMarketDepth(fx.tick(), BTC, List.of(one, one)))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        final long t = fx.tick();
        assertThat(fx.apply(new ReportMarketDepth(t, BTC, List.of(one)))).isTrue();
        assertThat(fx.apply(new ReportMarketDepth(t, BTC, List.of(one)))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.DEPTH_REPORT_NOT_NEWER);
    }

    @Test
    void shouldRejectADepthReportOfAnUnknownMarketOrNoNewerThanTheLastAndLeaveTheRoot()
    {
        final ReportMarketDepth.Level one = new ReportMarketDepth.Level(10_000, 5 * USDC, 5 * USDC);
        final long t = fx.tick();
        assertThat(fx.apply(new ReportMarketDepth(t, BTC, List.of(one)))).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new ReportMarketDepth(fx.tick(), 99, List.of(one)))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_MARKET);
        assertThat(fx.apply(new ReportMarketDepth(t, BTC, List.of(one)))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.DEPTH_REPORT_NOT_NEWER);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.apply(new ReportMarketDepth(fx.tick(), BTC, List.of(one)))).isTrue();
    }

    private Liquidate liquidation(final String keeper, final String target, final long size)
    {
        final Subaccount keeperSub = fx.engine.state().accounts().find(address(keeper)) == null ? null :
            fx.engine.state().accounts().find(address(keeper)).subaccount(0);
        final long nonce = keeperSub == null ? 1 : keeperSub.account().lastNonce() + 1;
        final Liquidate unsigned = new Liquidate(fx.tick(), address(keeper), 0, address(target), 0, BTC, size, nonce,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()),
            EngineFixture.key(keeper)));
    }

    private Event.Liquidated liquidateAliceAt57700(final boolean thinBook, final boolean stale)
    {
        assertThat(fx.depositUsdc("alice", 0, 4_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 100_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
        assertThat(govern(null, new DepthPenaltyBounds(500_000, 20_000, 5 * MINUTE))).isTrue();
        // A book that holds 10,000 USDC within 1 % and 20,000 within 2 % of bids, or a hundred times more.
        final long scale = thinBook ? 1 : 100;
        assertThat(fx.apply(new ReportMarketDepth(fx.tick(), BTC, List.of(
            new ReportMarketDepth.Level(10_000, scale * 10_000 * USDC, scale * 10_000 * USDC),
            new ReportMarketDepth.Level(20_000, scale * 20_000 * USDC, scale * 20_000 * USDC))))).isTrue();
        if (stale)
        {
            fx.advance(5 * MINUTE + 1);
        }
        assertThat(fx.btcPrice(57_700)).isTrue();
        assertThat(fx.apply(liquidation("keeper", "alice", ONE_BTC))).isTrue();
        return all(Event.Liquidated.class).get(0);
    }

    @Test
    void shouldKeepTheStaticFillAndFeeWhenTheBookAbsorbsThePosition()
    {
        final Event.Liquidated liquidated = liquidateAliceAt57700(false, false);
        // As without a depth report (LiquidationEngineTest): 57,700 − ABR·10 %·1,731, fee 0.5 % of the fill.
        assertThat(liquidated.fillQuote()).isEqualTo(57_697_500_000L);
        assertThat(liquidated.insuranceFundDelta()).isEqualTo(288_487_500L);
    }

    @Test
    void shouldWidenTheSpreadAndRaiseTheFeeWhenThePositionOutweighsTheBook()
    {
        final Event.Liquidated liquidated = liquidateAliceAt57700(true, false);
        // 57,700 USDC into 20,000 within 2 %: impact 5.77 %, above the 3 % maintenance fraction, so the spread ratio
        // takes its cap, 50 %: 57,700 − (25/1,731)·50 %·1,731 = 57,687.5; the fee 5 × 0.5 % capped at 2 % of it.
        assertThat(liquidated.fillQuote()).isEqualTo(57_687_500_000L);
        assertThat(liquidated.insuranceFundDelta()).isEqualTo(57_687_500_000L / 50);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldFallBackToTheStaticPenaltyWhenTheDepthReportIsTooOld()
    {
        final Event.Liquidated liquidated = liquidateAliceAt57700(true, true);
        assertThat(liquidated.fillQuote()).isEqualTo(57_697_500_000L);
    }
}
