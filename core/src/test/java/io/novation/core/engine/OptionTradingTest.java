package io.novation.core.engine;

import io.novation.core.command.SettleTrade;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.Black76;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ONE_BTC_OPTION;
import static io.novation.core.engine.EngineFixture.OPTION_TICK;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Option fills: the premium moves from buyer to seller with fees, the buyer pays it in cash, the seller meets
 * Derive's standard initial margin, checks are all or nothing, and margin, withdrawals and liquidations see option
 * positions.
 */
class OptionTradingTest
{
    private EngineFixture fx;
    private int call;
    private int put;
    private long expiry;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        expiry = fx.now() + 30 * DAY_MS;
        call = fx.createBtcOption("BTC-30D-70000-C", 70_000, expiry, OptionType.CALL);
        put = fx.createBtcOption("BTC-30D-50000-P", 50_000, expiry, OptionType.PUT);
        assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();
    }

    @Test
    void shouldMoveThePremiumFromBuyerToSellerWithFees()
    {
        fx.depositUsdc("alice", 0, 20_000);
        fx.depositUsdc("bob", 0, 5_000);
        final long feePool = fx.engine.state().feePool();

        // Alice (maker) sells 1 BTC of the call to Bob (taker) at 1,000 USD.
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 10_000)).isTrue();

        final long premium = 1_000 * USDC;
        final long takerFee = premium * 300 / 1_000_000;
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(20_000 * USDC + premium);
        assertThat(fx.usdcBalance("bob", 0)).isEqualTo(5_000 * USDC - premium - takerFee);
        assertThat(fx.position("alice", 0, call)).isEqualTo(-ONE_BTC_OPTION);
        assertThat(fx.position("bob", 0, call)).isEqualTo(ONE_BTC_OPTION);
        assertThat(fx.engine.state().markets().option(call).openInterestBaseQuantums()).isEqualTo(ONE_BTC_OPTION);
        assertThat(fx.engine.state().feePool() - feePool).isEqualTo(takerFee);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
        assertThat(fx.events.events()).contains(new Event.PositionChanged(fx.engine.state().sequence(),
            address("bob"), 0, call, ONE_BTC_OPTION, premium, 0));
    }

    @Test
    void shouldKeepOptionsAfterPerpetualsInTheSortedPositions()
    {
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 50_000);
        assertThat(fx.tradeOption("alice", "bob", put, true, 100, 5_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isTrue();
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isTrue();

        final var subaccount = fx.engine.state().accounts().find(address("alice")).subaccount(0);
        assertThat(subaccount.positionCount()).isEqualTo(3);
        assertThat(subaccount.positionMarket(0)).isEqualTo(BTC);
        assertThat(subaccount.positionMarket(1)).isEqualTo(call);
        assertThat(subaccount.positionMarket(2)).isEqualTo(put);
    }

    @Test
    void shouldRequireTheBuyerToPayThePremiumInCash()
    {
        fx.depositUsdc("alice", 0, 20_000);
        fx.depositUsdc("bob", 0, 1_000);
        final byte[] root = fx.engine.stateRoot();

        // 1,000 USD premium plus 0.30 USD fee: the long's mark does not count towards initial margin.
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 10_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.lastRejection().message()).contains(address("bob").toString());
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        assertThat(fx.tradeOption("alice", "bob", call, false, 99, 10_000)).isTrue();
    }

    @Test
    void shouldRequireDerivesInitialMarginFromTheSeller()
    {
        // Short 1 BTC call K = 70,000 at S = 60,000: OTM 16.7 % > 15 % − 13 %, so IM = 13 % · 60,000 = 7,800 USD,
        // on top of the call's liability at its mark.
        fx.depositUsdc("bob", 0, 50_000);
        final double mark = Black76.price(OptionType.CALL, 60_000, 70_000, 30 / 365.0 - 2e-9, 0.0, 0.5);
        final long liability = (long)Math.ceil(mark * USDC);
        final long premium = 500 * USDC;
        // Net collateral after the sale: deposit + premium − liability; the seller needs it to cover 7,800 USD.
        final long exactDeposit = 7_800 * USDC + liability - premium;
        fx.apply(new io.novation.core.command.Deposit(fx.tick(), address("alice"), 0, 0, exactDeposit - 2 * USDC,
            fx.engine.state().lastDepositId() + 1));
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        fx.apply(new io.novation.core.command.Deposit(fx.tick(), address("alice"), 0, 0, 4 * USDC,
            fx.engine.state().lastDepositId() + 1));
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).as("%s", fx.lastRejection()).isTrue();

        final MarginFigures figures = figures("alice");
        assertThat(figures.initialMarginRequirement()).isEqualTo(7_800 * USDC);
        assertThat(figures.maintenanceMarginRequirement()).isEqualTo(5_400 * USDC);
        assertThat((double)(exactDeposit + 2 * USDC + premium - figures.netCollateralInitial()) / USDC)
            .isCloseTo((double)liability / USDC, within(0.05));
    }

    @Test
    void shouldRefuseOptionTradesAfterExpiryWithoutSurfaceAndOffTheGrid()
    {
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 50_000);
        final int eth = fx.engine.state().markets().nextOptionId();
        assertThat(fx.apply(new io.novation.core.command.CreateOptionSeries(fx.tick(), eth, "ETH-C", EngineFixture
            .ETH_ORACLE, 3_000 * EngineFixture.ETH_USD, expiry, OptionType.CALL, -6, 1_000, 1, 0, 0,
            io.novation.core.market.MarketStatus.ACTIVE))).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.tradeOption("alice", "bob", eth, true, 1, 1)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NO_VOL_SURFACE);

        final long size = 100;
        final long offTick = OPTION_TICK + 1;
        assertThat(fx.apply(new SettleTrade(fx.tick(), call, fx.optionOrder("alice", 0, call, true, size, offTick),
            fx.optionOrder("bob", 0, call, false, size, offTick), size, offTick))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OFF_TICK);

        assertThat(fx.apply(new SettleTrade(fx.tick(), call, fx.optionOrder("alice", 0, call, true, 101, OPTION_TICK),
            fx.optionOrder("bob", 0, call, false, 101, OPTION_TICK), 101, OPTION_TICK))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OFF_STEP);

        assertThat(fx.apply(new SettleTrade(fx.tick(), call, fx.optionOrder("alice", 0, put, true, size, OPTION_TICK),
            fx.optionOrder("bob", 0, call, false, size, OPTION_TICK), size, OPTION_TICK))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ORDER_MISMATCH);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        fx.advance(30 * DAY_MS);
        fx.btcPrice(60_000);
        assertThat(fx.tradeOption("alice", "bob", call, true, 1, 1)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OPTION_EXPIRED);
    }

    @Test
    void shouldRefuseAWithdrawalThatLeavesAShortOptionBelowInitialMargin()
    {
        fx.depositUsdc("alice", 0, 10_000);
        fx.depositUsdc("bob", 0, 10_000);
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isTrue();
        final MarginFigures figures = figures("alice");
        final long free = figures.freeCollateral();
        assertThat(free).isPositive();

        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, free + 1, 1))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, free, 1))).isTrue();
    }

    @Test
    void shouldMakeAShortCallLiquidatableWhenTheIndexRises()
    {
        fx.depositUsdc("alice", 0, 9_000);
        fx.depositUsdc("bob", 0, 10_000);
        fx.depositUsdc("keeper", 0, 100_000);
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 5_000)).isTrue();
        // A small perpetual position the keeper can take over.
        assertThat(fx.tradeBtc("alice", "bob", false, 10, 60_000)).isTrue();
        assertThat(figures("alice").isBelowMaintenance()).isFalse();

        fx.btcPrice(66_000);
        fx.btcPrice(72_000);

        final MarginFigures after = figures("alice");
        assertThat(after.isBelowMaintenance()).isTrue();
        // 9 % of 72,000 for the call, 3 % of 72 USD for the perpetual.
        assertThat(after.maintenanceMarginRequirement()).isEqualTo(6_480 * USDC + 2_160_000);
        final io.novation.core.command.Liquidate unsigned = new io.novation.core.command.Liquidate(fx.tick(),
            address("keeper"), 0, address("alice"), 0, BTC, 10 * (EngineFixture.ONE_BTC / 10_000), 1, null);
        final io.novation.core.command.Liquidate liquidate = unsigned.withSignature(io.novation.core.crypto.Secp256k1
            .sign(unsigned.digest(fx.engine.domainSeparator()), EngineFixture.key("keeper")));
        assertThat(fx.apply(liquidate)).as("%s", fx.lastRejection()).isTrue();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldValueAShortPutWithDerivesPutRules()
    {
        fx.depositUsdc("alice", 0, 50_000);
        fx.depositUsdc("bob", 0, 50_000);
        assertThat(fx.tradeOption("alice", "bob", put, false, 200, 1_000)).isTrue();

        final MarginCalculator calculator = calculator();
        final OptionPositionMargin margin = new OptionPositionMargin();
        final OptionSeries series = fx.engine.state().markets().option(put);
        assertThat(calculator.options().position(series, -2 * ONE_BTC_OPTION, margin)).isTrue();

        // S = 60,000, K = 50,000: OTM 16.7 %, IM factor 13 %: 2 · 60,000 · 13 % = 15,600; MM 9 % = 10,800.
        final long liability = -margin.value();
        assertThat(margin.maintenanceRequirement()).isEqualTo(10_800 * USDC);
        assertThat(margin.initialRequirement()).isEqualTo(Math.max(15_600 * USDC,
            ceilPpm(10_800 * USDC + liability, 1_050_000) - liability));
        assertThat(margin.underlyingPrice()).isEqualTo(60_000 * BTC_USD);
        final double mark = Black76.price(OptionType.PUT, 60_000, 50_000, margin.volatility() > 0 ?
            (expiry - fx.now()) / (365.0 * DAY_MS) : 0, 0.0, 0.5);
        assertThat((double)liability / USDC).isCloseTo(2 * mark, within(0.01));

        // A long is valued at its mark, rounded down, and requires nothing.
        assertThat(calculator.options().position(series, 2 * ONE_BTC_OPTION, margin)).isTrue();
        assertThat(margin.value()).isLessThanOrEqualTo(liability).isGreaterThan(liability - 3);
        assertThat(margin.initialRequirement()).isZero();
        assertThat(margin.initialValue()).isZero();
    }

    private static long ceilPpm(final long amount, final long ppm)
    {
        return io.novation.core.money.FixedPoint.mulPpm(amount, ppm, io.novation.core.money.Rounding.UP);
    }

    private MarginCalculator calculator()
    {
        final ClearingState state = fx.engine.state();
        return new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
    }

    private MarginFigures figures(final String name)
    {
        final MarginFigures figures = new MarginFigures();
        assertThat(calculator().compute(fx.engine.state().accounts().find(address(name)).subaccount(0), figures))
            .isTrue();
        return figures;
    }
}
