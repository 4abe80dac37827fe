package io.novation.core.engine;

import io.novation.core.command.CommandCodec;
import io.novation.core.command.SetMarginMode;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.pricing.OptionType;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static io.novation.core.engine.EngineFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Portfolio margin in the engine: an owner-signed opt-in per cross subaccount, allowed only when the subaccount meets
 * initial margin in the new mode; a hedged option book then needs far less margin than in standard mode, and
 * trades, withdrawals and liquidation checks see the scenario requirement.
 */
class PortfolioMarginEngineTest
{
    private EngineFixture fx;
    private int call60;
    private int call65;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        final long expiry = fx.now() + 30 * DAY_MS;
        call60 = fx.createBtcOption("BTC-30D-60000-C", 60_000, expiry, OptionType.CALL);
        call65 = fx.createBtcOption("BTC-30D-65000-C", 65_000, expiry, OptionType.CALL);
        assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();
        fx.depositUsdc("bob", 0, 100_000);
        fx.depositUsdc("carol", 0, 100_000);
    }

    @Test
    void shouldMarginAHedgedCallSpreadByItsScenariosOnceOptedIn()
    {
        fx.depositUsdc("alice", 0, 30_000);
        // Alice buys the 65,000 call and sells the 60,000 call: a bear call spread, losing at most 5,000 USD.
        assertThat(fx.tradeOption("bob", "alice", call65, false, 100, 25_000)).isTrue();
        assertThat(fx.tradeOption("carol", "alice", call60, true, 100, 45_000)).isTrue();
        final MarginFigures standard = figures("alice");
        // Standard margin pairs the spread (docs/protocol.md, "Strategy margin"): it holds the 5,000 USD of maximum
        // loss, less the short's liability that net collateral already carries (naked, 15 % of 60,000: 9,000 USD).
        final ClearingState state = fx.engine.state();
        final OptionPositionMargin shortLeg = new OptionPositionMargin();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces()).options().position(
            state.markets().option(call60), fx.position("alice", 0, call60), shortLeg)).isTrue();
        assertThat(shortLeg.initialRequirement()).isEqualTo(9_000 * USDC);
        assertThat(standard.initialMarginRequirement()).isEqualTo(5_000 * USDC + shortLeg.value());

        assertThat(fx.apply(mode("alice", 0, true, 1))).isTrue();

        final MarginFigures portfolio = figures("alice");
        assertThat(portfolio.initialMarginRequirement()).isLessThan(5_000 * USDC).isPositive();
        assertThat(portfolio.maintenanceMarginRequirement()).isLessThan(portfolio.initialMarginRequirement());
        // The long call now counts at its value in initial net collateral.
        assertThat(portfolio.netCollateralInitial()).isGreaterThan(standard.netCollateralInitial());
        assertThat(fx.events.last()).isEqualTo(new Event.MarginModeChanged(fx.engine.state().sequence(),
            address("alice"), 0, true));

        // A withdrawal standard margin would refuse is paid in portfolio margin.
        final long free = portfolio.freeCollateral();
        assertThat(free).isGreaterThan(standard.freeCollateral());
        // (Marks move by a fraction of a quantum per millisecond of theta: a margin of 100 quantums either way.)
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, free + 100, 2))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, free - 100, 2))).isTrue();

        // Back to standard margin is refused now: the spread's maximum loss is more than the subaccount holds.
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(mode("alice", 0, false, 3))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.engine.state().accounts().find(address("alice")).subaccount(0).isPortfolioMargin()).isTrue();
    }

    @Test
    void shouldRefuseASwitchThatBreachesInitialMarginAndBadRequests()
    {
        // A 1 BTC long perpetual on 4,000 USDC meets the 5 % standard requirement, not an 18 % scenario.
        fx.depositUsdc("alice", 0, 4_000);
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
        fx.depositUsdc("alice", 128, 1_000);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(mode("alice", 0, true, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.apply(mode("alice", 128, true, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.PORTFOLIO_MARGIN_NOT_ALLOWED);
        assertThat(fx.apply(mode("alice", 5, true, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_SUBACCOUNT);
        final SetMarginMode forged = mode("alice", 0, true, 1).withSignature(
            Secp256k1.sign(mode("alice", 0, true, 1).digest(fx.engine.domainSeparator()), key("bob")));
        assertThat(fx.apply(forged)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        fx.depositUsdc("alice", 0, 20_000);
        assertThat(fx.apply(mode("alice", 0, true, 1))).isTrue();
        assertThat(fx.apply(mode("alice", 0, true, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NONCE_REUSED);
    }

    @Test
    void shouldMakeAPortfolioSubaccountLiquidatableOnItsScenarioRequirement()
    {
        fx.depositUsdc("alice", 0, 15_000);
        fx.depositUsdc("keeper", 0, 200_000);
        assertThat(fx.apply(mode("alice", 0, true, 1))).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
        assertThat(figures("alice").isBelowMaintenance()).isFalse();

        fx.btcPrice(57_000);
        fx.btcPrice(54_000);

        final MarginFigures after = figures("alice");
        // MM = 0.8 · 18 % · 54,000 + 1.5 % · 54,000 = 8,586 USD against 15,000 − 6,000 of losses.
        assertThat(after.maintenanceMarginRequirement()).isBetween(8_586 * USDC, 8_587 * USDC);
        assertThat(after.isBelowMaintenance()).isFalse();
        fx.btcPrice(51_000);
        assertThat(figures("alice").isBelowMaintenance()).isTrue();
        final io.novation.core.command.Liquidate unsigned = new io.novation.core.command.Liquidate(fx.tick(),
            address("keeper"), 0, address("alice"), 0, EngineFixture.BTC, EngineFixture.ONE_BTC / 10, 1, null);
        assertThat(fx.apply(unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()),
            key("keeper"))))).as("%s", fx.lastRejection()).isTrue();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldKeepTheModeInSnapshotsLeavesAndTheCodec()
    {
        fx.depositUsdc("alice", 0, 30_000);
        final byte[] standardRoot = fx.engine.stateRoot();
        final SetMarginMode command = mode("alice", 0, true, 1);
        assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
        assertThat(fx.apply(command)).isTrue();
        assertThat(fx.engine.stateRoot()).isNotEqualTo(standardRoot);

        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().accounts().find(address("alice")).subaccount(0).isPortfolioMargin()).isTrue();
    }

    private SetMarginMode mode(final String name, final int subaccount, final boolean portfolio, final long nonce)
    {
        final SetMarginMode unsigned = new SetMarginMode(fx.tick(), address(name), subaccount, portfolio, nonce,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()), key(name)));
    }

    private MarginFigures figures(final String name)
    {
        final ClearingState state = fx.engine.state();
        final MarginFigures figures = new MarginFigures();
        assertThat(new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces()).compute(
            state.accounts().find(address(name)).subaccount(0), figures)).isTrue();
        return figures;
    }
}
