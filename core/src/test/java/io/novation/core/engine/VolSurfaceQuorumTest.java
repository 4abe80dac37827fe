package io.novation.core.engine;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.CommandCodec;
import io.novation.core.command.SetOracleParameters;
import io.novation.core.command.SetVolSurfaceParameters;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionMargin;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.oracle.OracleParameters;
import io.novation.core.surface.PublishedVolSurface;
import io.novation.core.surface.VolSurfaceBook;
import io.novation.core.oracle.VolSurfaceParameters;
import io.novation.core.pricing.OptionType;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ONE_BTC_OPTION;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Volatility surfaces take effect only when a quorum of the oracle's publishers co-signs the same surface; a surface
 * that moves a listed series' volatility beyond the deviation threshold is held until a following quorum confirms
 * it; a surface older than its heartbeat is stale, its options are marked on a widened volatility and opening risk
 * in them is refused; while a surface is uncertain, margin takes each option at its worst.
 */
class VolSurfaceQuorumTest
{
    private static final long YEAR_MS = 365 * DAY_MS;

    private EngineFixture fx;
    private long expiry;
    private int call;
    private int put;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        expiry = fx.now() + 30 * DAY_MS;
        call = fx.createBtcOption("BTC-30D-70000-C", 70_000, expiry, OptionType.CALL);
        put = fx.createBtcOption("BTC-30D-50000-P", 50_000, expiry, OptionType.PUT);
    }

    @Test
    void shouldNotLetALonePublishersSurfaceTakeEffect()
    {
        final long at = fx.tick();
        assertThat(fx.apply(fx.surface("oracle-a", at, BTC_ORACLE, at, flat(0.5, at)))).isTrue();

        assertThat(fx.events.last()).isEqualTo(new Event.VolSurfaceSubmitted(fx.engine.state().sequence(),
            BTC_ORACLE, address("oracle-a"), at, 1, 3));
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNull();
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 50_000);
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NO_VOL_SURFACE);

        assertThat(fx.apply(fx.surface("oracle-b", fx.tick(), BTC_ORACLE, at, flat(0.5, at)))).isTrue();
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNull();
        assertThat(fx.apply(fx.surface("oracle-c", fx.tick(), BTC_ORACLE, at, flat(0.5, at)))).isTrue();
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceUpdated.class);
        assertThat(volatility()).isCloseTo(0.5, within(1e-8));
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isTrue();
    }

    @Test
    void shouldNotLetALonePublisherMoveTheMarkOfAnOpenPosition()
    {
        publish(0.5);
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 50_000);
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isTrue();
        final long value = bobFigures().netCollateralMaintenance();

        final long at = fx.tick();
        assertThat(fx.apply(fx.surface("oracle-c", at, BTC_ORACLE, at, flat(1.5, at)))).isTrue();

        assertThat(volatility()).isCloseTo(0.5, within(1e-8));
        assertThat(bobFigures().netCollateralMaintenance()).isEqualTo(value);
    }

    @Test
    void shouldKeepAMinorityOfLiarsOutWhileTheHonestQuorumAgrees()
    {
        // Five publishers, quorum 3: oracle-d and oracle-e lie together, the three honest ones agree.
        fx = new EngineFixture(listing ->
        {
            assertThat(listing.apply(new RegisterOraclePublisher(listing.tick(), BTC_ORACLE, address("oracle-d"))))
                .isTrue();
            assertThat(listing.apply(new RegisterOraclePublisher(listing.tick(), BTC_ORACLE, address("oracle-e"))))
                .isTrue();
        });
        expiry = fx.now() + 30 * DAY_MS;
        final long at = fx.tick();
        assertThat(fx.apply(fx.surface("oracle-d", at, BTC_ORACLE, at, flat(2.0, at)))).isTrue();
        assertThat(fx.apply(fx.surface("oracle-e", at, BTC_ORACLE, at, flat(2.0, at)))).isTrue();
        assertThat(fx.events.last()).isEqualTo(new Event.VolSurfaceSubmitted(fx.engine.state().sequence(),
            BTC_ORACLE, address("oracle-e"), at, 2, 3));
        for (final String honest : EngineFixture.PUBLISHERS)
        {
            assertThat(fx.apply(fx.surface(honest, at, BTC_ORACLE, at, flat(0.5, at)))).isTrue();
        }
        assertThat(volatility()).isCloseTo(0.5, within(1e-8));
        // The liars' surface is not newer than the one in effect: its candidate is gone, and signing it again is
        // refused.
        assertThat(fx.engine.state().volSurfaces().feed(BTC_ORACLE).candidates()).isEmpty();
        assertThat(fx.apply(fx.surface("oracle-d", fx.tick(), BTC_ORACLE, at, flat(2.0, at)))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_NOT_NEWER);
    }

    @Test
    void shouldRefuseAPublishersSecondSignatureOfItsPendingSurfaceLeavingTheRootUnchanged()
    {
        final long at = fx.tick();
        final OracleVolSurface submission = fx.surface("oracle-a", at, BTC_ORACLE, at, flat(0.5, at));
        assertThat(fx.apply(submission)).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(submission.withTime(fx.tick()))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_NOT_NEWER);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        // A newer submission of the same publisher replaces its pending one: still one signer.
        final long later = fx.tick();
        assertThat(fx.apply(fx.surface("oracle-a", later, BTC_ORACLE, later, flat(0.5, later)))).isTrue();
        assertThat(fx.engine.state().volSurfaces().feed(BTC_ORACLE).candidates()).hasSize(1);
        assertThat(fx.engine.state().volSurfaces().feed(BTC_ORACLE).candidates().get(0).surface().publishedAt())
            .isEqualTo(later);
    }

    @Test
    void shouldHoldASurfaceThatMovesAListedSeriesBeyondTheThresholdUntilTheNextQuorumConfirmsIt()
    {
        publish(0.5);
        final byte[] before = fx.engine.state().volSurfaces().surface(BTC_ORACLE).slices().get(0).toString()
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        publish(0.8);

        final Event held = fx.events.last();
        assertThat(held).isInstanceOf(Event.VolSurfaceHeld.class);
        assertThat(((Event.VolSurfaceHeld)held).signers()).isEqualTo(3);
        assertThat(((Event.VolSurfaceHeld)held).seriesId()).isEqualTo(call);
        assertThat(volatility()).isCloseTo(0.5, within(1e-8));
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE).slices().get(0).toString()
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(before);

        // The next quorum round lands within 25 % of the held surface: it confirms the move.
        publish(0.79);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceUpdated.class);
        assertThat(volatility()).isCloseTo(0.79, within(1e-8));
        assertThat(fx.engine.state().volSurfaces().feed(BTC_ORACLE).held()).isNull();
    }

    @Test
    void shouldHoldAgainAMoveConfirmedTooLateAndClearAHoldWhenTheMarketReturns()
    {
        publish(0.5);
        publish(0.8);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceHeld.class);

        // A heartbeat later, the same move is no confirmation: it is held anew.
        fx.advance(VolSurfaceParameters.DEFAULTS.heartbeatMs() + 1);
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 60_000 * BTC_USD))).isTrue();
        publish(0.8);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceHeld.class);
        assertThat(volatility()).isCloseTo(0.5, within(1e-8));

        // A round back within the threshold of the surface in effect takes effect and clears the hold.
        publish(0.55);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceUpdated.class);
        assertThat(volatility()).isCloseTo(0.55, within(1e-8));
        assertThat(fx.engine.state().volSurfaces().feed(BTC_ORACLE).held()).isNull();
        assertThat(fx.engine.state().volSurfaces().isUncertain(BTC_ORACLE, fx.now())).isFalse();
    }

    @Test
    void shouldAcceptAJumpSignedByTheJumpQuorumAndAMoveWithinTheThreshold()
    {
        // Listed with a jump quorum of 3: the oracle's parameters are set before its first price.
        final OracleParameters defaults = OracleParameters.DEFAULTS;
        fx = new EngineFixture(listing -> assertThat(listing.apply(new SetOracleParameters(listing.tick(),
            BTC_ORACLE, new OracleParameters(3, defaults.freshnessWindowMs(), defaults.maxFutureSkewMs(),
            defaults.heartbeatMs(), defaults.haltAfterMs(), defaults.deviationThresholdPpm(), 3,
            defaults.staleBandBasePpm(), defaults.staleBandPpmPerMinute(), defaults.staleBandMaxPpm())))).isTrue());
        expiry = fx.now() + 30 * DAY_MS;
        publish(0.5);
        publish(0.6);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceUpdated.class);
        assertThat(volatility()).isCloseTo(0.6, within(1e-8));
        publish(1.2);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceUpdated.class);
        assertThat(volatility()).isCloseTo(1.2, within(1e-8));
    }

    @Test
    void shouldValueOptionsAtTheirWorstBetweenTheSurfaceInEffectAndAHeldOne()
    {
        publish(0.5);
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 50_000);
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isTrue();
        final PublishedVolSurface low = fx.engine.state().volSurfaces().surface(BTC_ORACLE);

        publish(0.9);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceHeld.class);
        final PublishedVolSurface high = fx.engine.state().volSurfaces().feed(BTC_ORACLE).held();

        // Bob's long call is worth its value on the lower surface, alice's short costs its value on the higher one.
        assertThat(bobFigures().netCollateralMaintenance()).isEqualTo(figuresOn(low, "bob").netCollateralMaintenance());
        assertThat(figuresOn(high, "bob").netCollateralMaintenance())
            .isGreaterThan(bobFigures().netCollateralMaintenance());
        assertThat(figures("alice").netCollateralInitial()).isEqualTo(figuresOn(high, "alice").netCollateralInitial());
        assertThat(figuresOn(low, "alice").netCollateralInitial())
            .isGreaterThan(figures("alice").netCollateralInitial());
    }

    @Test
    void shouldRefuseAWithdrawalAgainstALongOptionsValueThatOnlyAHeldSurfaceSupports()
    {
        publish(0.5);
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 20_000);
        assertThat(fx.apply(portfolio("bob"))).isTrue();
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isTrue();
        publish(1.5);
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceHeld.class);
        final long freeOnHeld = figuresOn(fx.engine.state().volSurfaces().feed(BTC_ORACLE).held(), "bob")
            .freeCollateral();
        final long free = bobFigures().freeCollateral();
        assertThat(freeOnHeld).isGreaterThan(free + 1_000 * EngineFixture.USDC);

        assertThat(fx.apply(fx.withdrawal("bob", 0, 0, free + 1_000 * EngineFixture.USDC, 10))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.apply(fx.withdrawal("bob", 0, 0, free, 11))).isTrue();
    }

    @Test
    void shouldMarkAStaleSurfaceOnAWidenedVolatilityAndRefuseOpeningRiskInItsOptions()
    {
        publish(0.5);
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 50_000);
        assertThat(fx.tradeOption("alice", "bob", put, false, 100, 5_000)).isTrue();
        final OptionPositionMargin freshLong = optionMargin(put, ONE_BTC_OPTION);
        final OptionPositionMargin freshShort = optionMargin(put, -ONE_BTC_OPTION);
        final long heartbeat = VolSurfaceParameters.DEFAULTS.heartbeatMs();

        fx.advance(heartbeat + 30 * 60_000);
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 60_000 * BTC_USD))).isTrue();
        assertThat(fx.engine.state().volSurfaces().isStale(BTC_ORACLE, fx.now())).isTrue();

        // One started hour of staleness: the band is 10 % + 5 %.
        final OptionPositionMargin staleLong = optionMargin(put, ONE_BTC_OPTION);
        final OptionPositionMargin staleShort = optionMargin(put, -ONE_BTC_OPTION);
        assertThat(staleLong.volatility()).isCloseTo(0.5 * 0.85, within(1e-8));
        assertThat(staleShort.volatility()).isCloseTo(0.5 * 1.15, within(1e-8));
        assertThat(staleLong.value()).isLessThan(freshLong.value());
        assertThat(staleShort.value()).isLessThan(freshShort.value());
        assertThat(staleShort.maintenanceRequirement()).isGreaterThanOrEqualTo(freshShort.maintenanceRequirement());

        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.tradeOption("alice", "bob", put, false, 100, 5_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_VOL_SURFACE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        // Bob sells half of his put back to alice: both positions shrink, so the trade settles.
        assertThat(fx.tradeOption("alice", "bob", put, true, 50, 4_000)).isTrue();
        assertThat(fx.position("bob", 0, put)).isEqualTo(ONE_BTC_OPTION / 2);

        // A fresh quorum ends the staleness.
        publish(0.5);
        assertThat(fx.engine.state().volSurfaces().isStale(BTC_ORACLE, fx.now())).isFalse();
        assertThat(fx.tradeOption("alice", "bob", put, false, 50, 4_000)).isTrue();
    }

    @Test
    void shouldRefuseToLiquidateAnOptionOnAStaleSurfaceButJudgeThePerpetualsAtTheWidenedFigures()
    {
        publish(0.5);
        fx.depositUsdc("alice", 0, 20_000);
        fx.depositUsdc("bob", 0, 50_000);
        fx.depositUsdc("carol", 0, 50_000);
        assertThat(fx.tradeOption("alice", "bob", put, false, 100, 5_000)).isTrue();
        assertThat(fx.tradeBtc("carol", "alice", false, 10_000, 60_000)).isTrue();
        fx.advance(VolSurfaceParameters.DEFAULTS.heartbeatMs() + 60_000);
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 60_000 * BTC_USD))).isTrue();
        final byte[] root = fx.engine.stateRoot();

        // The put's mark is unknown: no keeper takes it over.
        final io.novation.core.command.Liquidate option = new io.novation.core.command.Liquidate(fx.tick(),
            address("carol"), 0, address("alice"), 0, put, 100 * EngineFixture.OPTION_STEP, 1, null);
        assertThat(fx.apply(option.withSignature(io.novation.core.crypto.Secp256k1.sign(
            option.digest(fx.engine.domainSeparator()), EngineFixture.key("carol"))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_VOL_SURFACE);
        assertThat(fx.lastRejection().message()).contains("BTC-30D-50000-P");
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        // The perpetual is judged as usual, the put at its widened figures: alice is not below maintenance.
        final io.novation.core.command.Liquidate perpetual = new io.novation.core.command.Liquidate(fx.tick(),
            address("carol"), 0, address("alice"), 0, EngineFixture.BTC, EngineFixture.ONE_BTC / 10, 2, null);
        assertThat(fx.apply(perpetual.withSignature(io.novation.core.crypto.Secp256k1.sign(
            perpetual.digest(fx.engine.domainSeparator()), EngineFixture.key("carol"))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NOT_LIQUIDATABLE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldWidenTheStaleBandPerStartedHourUpToItsMaximum()
    {
        final VolSurfaceParameters parameters = VolSurfaceParameters.DEFAULTS;
        final long heartbeat = parameters.heartbeatMs();
        assertThat(parameters.staleBandPpm(heartbeat)).isZero();
        assertThat(parameters.staleBandPpm(heartbeat + 1)).isEqualTo(150_000);
        assertThat(parameters.staleBandPpm(heartbeat + 3_600_000)).isEqualTo(150_000);
        assertThat(parameters.staleBandPpm(heartbeat + 3_600_001)).isEqualTo(200_000);
        assertThat(parameters.staleBandPpm(heartbeat + 100 * 3_600_000L)).isEqualTo(500_000);
    }

    @Test
    void shouldRestoreHeldSurfacesAndPendingSubmissionsFromASnapshotWithTheSameRoot()
    {
        publish(0.5);
        publish(0.9);
        final long at = fx.tick();
        assertThat(fx.apply(fx.surface("oracle-b", at, BTC_ORACLE, at, flat(0.85, at)))).isTrue();
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            io.novation.core.event.EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().volSurfaces().feed(BTC_ORACLE).held().slices())
            .isEqualTo(fx.engine.state().volSurfaces().feed(BTC_ORACLE).held().slices());

        // The two engines agree on what the rest of the quorum does: the held surface is confirmed.
        for (final String publisher : List.of("oracle-a", "oracle-c"))
        {
            final OracleVolSurface submission = fx.surface(publisher, fx.tick(), BTC_ORACLE, at, flat(0.85, at));
            assertThat(fx.apply(submission)).isTrue();
            assertThat(restored.apply(submission)).isTrue();
        }
        assertThat(fx.events.last()).isInstanceOf(Event.VolSurfaceUpdated.class);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
    }

    @Test
    void shouldApplyAnUnderlyingsOwnSurfaceParametersAndCommitThem()
    {
        final byte[] root = fx.engine.stateRoot();
        final VolSurfaceParameters hourly = new VolSurfaceParameters(3_600_000, 100_000, 50_000, 20_000, 300_000);
        assertThat(fx.apply(new SetVolSurfaceParameters(fx.tick(), 7, hourly))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_ORACLE);
        assertThat(fx.apply(new SetVolSurfaceParameters(fx.tick(), BTC_ORACLE, null))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        final SetVolSurfaceParameters command = new SetVolSurfaceParameters(fx.tick(), BTC_ORACLE, hourly);
        assertThat(fx.apply(command)).isTrue();

        assertThat(fx.events.last()).isEqualTo(new Event.VolSurfaceParametersSet(fx.engine.state().sequence(),
            BTC_ORACLE, hourly));
        assertThat(fx.engine.stateRoot()).isNotEqualTo(root);
        assertThat(fx.engine.state().volSurfaces().parameters(EngineFixture.ETH_ORACLE))
            .isEqualTo(VolSurfaceParameters.DEFAULTS);
        assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
        publish(0.5);
        // An hour and a minute later the surface is stale under its own heartbeat: the band is 5 % + 2 %.
        fx.advance(3_600_000 + 60_000);
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, 60_000 * BTC_USD))).isTrue();
        assertThat(fx.engine.state().volSurfaces().isStale(BTC_ORACLE, fx.now())).isTrue();
        assertThat(fx.engine.state().volSurfaces().staleBandPpm(BTC_ORACLE, fx.now())).isEqualTo(70_000);
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            io.novation.core.event.EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().volSurfaces().parameters(BTC_ORACLE)).isEqualTo(hourly);
    }

    private void publish(final double vol)
    {
        final long at = fx.tick();
        assertThat(fx.publishSurface(at, BTC_ORACLE, flat(vol, at))).isTrue();
    }

    private List<OracleVolSurface.Slice> flat(final double vol, final long publishedAt)
    {
        final List<OracleVolSurface.Slice> slices = new ArrayList<>();
        for (final long slice : new long[] {expiry, expiry + YEAR_MS / 2})
        {
            final double years = (slice - publishedAt) / (double)YEAR_MS;
            slices.add(new OracleVolSurface.Slice(slice, Math.round(vol * vol * years * 1e9), 0, 0, 0, 100_000_000));
        }
        return slices;
    }

    private double volatility()
    {
        return fx.engine.state().volSurfaces().surface(BTC_ORACLE).impliedVolatility(60_000 * BTC_USD,
            70_000 * BTC_USD, expiry);
    }

    private MarginFigures bobFigures()
    {
        return figures("bob");
    }

    private MarginFigures figures(final String name)
    {
        final ClearingState state = fx.engine.state();
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces())
            .compute(state.accounts().find(address(name)).subaccount(0), figures)).isTrue();
        return figures;
    }

    private MarginFigures figuresOn(final PublishedVolSurface surface, final String name)
    {
        final ClearingState state = fx.engine.state();
        final VolSurfaceBook alone = new VolSurfaceBook();
        alone.publish(surface);
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), alone)
            .compute(state.accounts().find(address(name)).subaccount(0), figures)).isTrue();
        return figures;
    }

    private OptionPositionMargin optionMargin(final int series, final long size)
    {
        final ClearingState state = fx.engine.state();
        final OptionPositionMargin out = new OptionPositionMargin();
        assertThat(new OptionMargin(state.oracles(), state.volSurfaces()).position(state.markets().option(series),
            size, out)).isTrue();
        return out;
    }

    private io.novation.core.command.SetMarginMode portfolio(final String name)
    {
        final io.novation.core.command.SetMarginMode unsigned = new io.novation.core.command.SetMarginMode(fx.tick(),
            address(name), 0, true, 1, null);
        return unsigned.withSignature(io.novation.core.crypto.Secp256k1.sign(
            unsigned.digest(fx.engine.domainSeparator()), EngineFixture.key(name)));
    }
}
