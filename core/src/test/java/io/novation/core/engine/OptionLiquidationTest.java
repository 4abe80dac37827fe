package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.command.Liquidate;
import io.novation.core.command.SettleExpiry;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.liquidation.LiquidationMath;
import io.novation.core.liquidation.LiquidationParameters;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.money.FixedPoint;
import io.novation.core.money.Rounding;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Options in the bankruptcy waterfall: a keeper takes over a short call below maintenance at its mark plus the
 * discount, a healthy one is refused, an underwater one is deleveraged against the long when the insurance fund is
 * empty, and an expiry that a short cannot pay is covered by the fund and then taken pro rata from the longs.
 */
class OptionLiquidationTest
{
    private static final long MINUTE = 60_000L;

    private EngineFixture fx;
    private long expiry;
    private int call;
    private long keeperNonce;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        expiry = (fx.now() + DAY_MS) / MINUTE * MINUTE;
        call = fx.createBtcOption("BTC-1D-60000-C", 60_000, expiry, OptionType.CALL);
        assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 50_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 200_000)).isTrue();
    }

    /** A price move the deviation guard holds: a second round confirms it; the surface is republished. */
    private void moveBtc(final long usd)
    {
        fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, usd * BTC_USD));
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, usd * BTC_USD))).isTrue();
        assertThat(fx.engine.state().oracles().price(BTC_ORACLE)).isEqualTo(usd * BTC_USD);
        if (fx.now() < expiry)
        {
            // The publishers' quorum signs the same volatility again, so that the surface is fresh.
            assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
        }
    }

    private Liquidate liquidation(final String target, final int market, final long size)
    {
        final Liquidate unsigned = new Liquidate(fx.tick(), address("keeper"), 0, address(target), 0, market, size,
            ++keeperNonce, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()),
            EngineFixture.key("keeper")));
    }

    private Subaccount subaccount(final String name)
    {
        return fx.engine.state().accounts().find(address(name)).subaccount(0);
    }

    private MarginFigures figures(final String name)
    {
        final MarginFigures figures = new MarginFigures();
        assertThat(calculator().compute(subaccount(name), figures)).isTrue();
        return figures;
    }

    private MarginCalculator calculator()
    {
        final ClearingState state = fx.engine.state();
        return new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
    }

    private <T extends Event> T last(final Class<T> type)
    {
        for (int i = fx.events.events().size() - 1; i >= 0; i--)
        {
            if (type.isInstance(fx.events.events().get(i)))
            {
                return type.cast(fx.events.events().get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    @Test
    void shouldLetAKeeperTakeOverAShortCallBelowMaintenanceAtItsMarkPlusTheDiscount()
    {
        // Carol writes 0.5 BTC of at-the-money calls with 5,000 USDC; BTC rises to 70,000: her liability of about
        // 5,000 leaves net collateral under the 9 % maintenance requirement of 3,150, but above zero.
        assertThat(fx.depositUsdc("carol", 0, 5_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 50, 7_500)).isTrue();
        moveBtc(70_000);
        final MarginFigures before = figures("carol");
        assertThat(before.isBelowMaintenance()).isTrue();
        // Keepers find her through the health index.
        assertThat(fx.engine.healthIndex().liquidatableCount()).isEqualTo(1);
        assertThat(fx.engine.healthIndex().liquidatable(0)).isSameAs(subaccount("carol"));
        assertThat(before.netCollateralMaintenance()).isPositive();
        final long size = fx.position("carol", 0, call);
        final OptionPositionMargin mark = new OptionPositionMargin();
        assertThat(calculator().options().position(fx.engine.state().markets().option(call), size, mark)).isTrue();
        final long discountBase = Math.max(mark.maintenanceRequirement(),
            FixedPoint.mulPpm(Math.abs(mark.value()), Liquidator.OPTION_DISCOUNT_BASE_PPM, Rounding.UP));
        final long expectedFill = LiquidationMath.fillableQuote(mark.value(), discountBase, size, -size,
            before.netCollateralMaintenance(), before.maintenanceMarginRequirement(),
            LiquidationParameters.defaults());
        final long keeperBefore = fx.usdcBalance("keeper", 0);

        assertThat(fx.apply(liquidation("carol", call, -size))).isTrue();

        final Event.Liquidated liquidated = last(Event.Liquidated.class);
        assertThat(liquidated.marketId()).isEqualTo(call);
        assertThat(liquidated.fillQuote()).isEqualTo(expectedFill);
        // The keeper is paid more than the mark liability: the discount is its reward.
        assertThat(-liquidated.fillQuote()).isGreaterThan(-mark.value());
        assertThat(fx.usdcBalance("keeper", 0) - keeperBefore).isEqualTo(-liquidated.fillQuote());
        assertThat(fx.position("keeper", 0, call)).isEqualTo(size);
        assertThat(fx.position("carol", 0, call)).isZero();
        assertThat(liquidated.insuranceFundDelta()).isPositive();
        assertThat(fx.engine.state().insuranceFund()).isEqualTo(liquidated.insuranceFundDelta());
        assertThat(figures("carol").netCollateralMaintenance()).isNotNegative();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRefuseToLiquidateAHealthyOptionPositionAndLeaveTheRoot()
    {
        assertThat(fx.depositUsdc("carol", 0, 20_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 50, 7_500)).isTrue();
        moveBtc(70_000);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(liquidation("carol", call, 50 * EngineFixture.OPTION_STEP))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NOT_LIQUIDATABLE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldRefuseToLiquidateAnExpiredSeriesAndLeaveTheRoot()
    {
        assertThat(fx.depositUsdc("carol", 0, 5_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 50, 7_500)).isTrue();
        fx.advance(expiry - fx.now());
        moveBtc(70_000);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(liquidation("carol", call, 50 * EngineFixture.OPTION_STEP))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.OPTION_EXPIRED);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldDeleverageAnUnderwaterShortCallAgainstTheLongWhenTheFundIsEmpty()
    {
        // At 80,000 carol's 0.5 BTC of calls owe about 10,000 against 5,375 of cash: net collateral below zero.
        assertThat(fx.depositUsdc("carol", 0, 5_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 50, 7_500)).isTrue();
        moveBtc(70_000);
        moveBtc(80_000);
        assertThat(figures("carol").netCollateralMaintenance()).isNegative();
        assertThat(fx.engine.state().insuranceFund()).isZero();
        final long carolCash = fx.usdcBalance("carol", 0);
        final long bobBefore = fx.usdcBalance("bob", 0);
        final long size = fx.position("carol", 0, call);

        assertThat(fx.apply(liquidation("carol", call, -size))).isTrue();

        // Bob, the profitable long, is closed at carol's bankruptcy price: he receives all she has.
        final Event.Deleveraged deleveraged = last(Event.Deleveraged.class);
        assertThat(deleveraged.counterparty()).isEqualTo(address("bob"));
        assertThat(deleveraged.marketId()).isEqualTo(call);
        assertThat(fx.position("bob", 0, call)).isZero();
        assertThat(fx.position("carol", 0, call)).isZero();
        assertThat(fx.position("keeper", 0, call)).isZero();
        assertThat(fx.usdcBalance("bob", 0) - bobBefore).isEqualTo(carolCash - fx.usdcBalance("carol", 0));
        assertThat(fx.usdcBalance("carol", 0)).isBetween(0L, 1L);
        assertThat(figures("bob").netCollateralMaintenance()).isPositive();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldCoverAnExpiryShortfallFromTheFundThenFromTheLongsPayoutsProRata()
    {
        // Carol is liquidated at 70,000 (the fund keeps a fee); alice, just healthy there, is not liquidated before
        // the expiry fixes at 80,000, where her 0.5 BTC of calls owe 10,000 against 8,375 of cash.
        assertThat(fx.depositUsdc("carol", 0, 5_000)).isTrue();
        assertThat(fx.depositUsdc("alice", 0, 8_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 50, 7_500)).isTrue();
        assertThat(fx.tradeOption("alice", "bob", call, false, 50, 7_500)).isTrue();
        fx.advance(expiry - 3 * 60 * MINUTE - fx.now());
        moveBtc(70_000);
        assertThat(figures("alice").isBelowMaintenance()).isFalse();
        assertThat(fx.apply(liquidation("carol", call, -fx.position("carol", 0, call)))).isTrue();
        final long fund = fx.engine.state().insuranceFund();
        assertThat(fund).isPositive();
        fx.advance(expiry - 40 * MINUTE - fx.now());
        moveBtc(80_000);
        fx.advance(expiry + 5 * MINUTE - fx.now());
        final long aliceCash = fx.usdcBalance("alice", 0);
        final long bobBefore = fx.usdcBalance("bob", 0);
        final long keeperBefore = fx.usdcBalance("keeper", 0);
        final long feePoolBefore = fx.engine.state().feePool();

        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isTrue();

        // Alice pays all she has; the shortfall is 10,000 USDC less her cash.
        final long shortfall = 10_000 * USDC - aliceCash;
        final Event.OptionExpiryShortfall event = last(Event.OptionExpiryShortfall.class);
        assertThat(event.shortfall()).isEqualTo(shortfall);
        assertThat(event.insuranceFundPaid()).isEqualTo(fund);
        assertThat(event.socializedToLongs()).isEqualTo(shortfall - fund);
        assertThat(fx.usdcBalance("alice", 0)).isZero();
        assertThat(fx.engine.state().insuranceFund()).isZero();
        // The keeper (short 0.5, took over from carol) pays 10,000 in full; bob (long 1 BTC) is owed 20,000 and
        // receives floor(20,000 · (20,000 − socialized) / 20,000).
        assertThat(keeperBefore - fx.usdcBalance("keeper", 0)).isEqualTo(10_000 * USDC);
        final long owed = 20_000 * USDC;
        final long received = FixedPoint.mulDiv(owed, owed - event.socializedToLongs(), owed, Rounding.DOWN);
        assertThat(fx.usdcBalance("bob", 0) - bobBefore).isEqualTo(received);
        assertThat(fx.engine.state().feePool() - feePoolBefore).isNotNegative();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldChargeAShortWhoseOtherCollateralCoversTheExpiryInFullWithoutAShortfall()
    {
        // Alice writes 1 BTC of calls against 14 ETH (42,000 USD at 3,000, counted at 90 % for margin, and less
        // once the ETH price is stale); the expiry fixes at 100,000: she owes 40,000 against 750 of premium and her
        // ETH, whose whole value covers it although its margin value does not.
        assertThat(fx.deposit("alice", 0, EngineFixture.ETH_ASSET, 14 * EngineFixture.ONE_ETH_COLLATERAL)).isTrue();
        assertThat(fx.tradeOption("alice", "bob", call, false, 100, 7_500)).isTrue();
        fx.advance(expiry - 3 * 60 * MINUTE - fx.now());
        moveBtc(70_000);
        moveBtc(80_000);
        moveBtc(90_000);
        fx.advance(expiry - 40 * MINUTE - fx.now());
        moveBtc(100_000);
        fx.advance(expiry + 5 * MINUTE - fx.now());
        final long bobBefore = fx.usdcBalance("bob", 0);

        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isTrue();

        assertThat(fx.events.events()).noneMatch(e -> e instanceof Event.OptionExpiryShortfall);
        final MarginFigures alice = new MarginFigures();
        assertThat(calculator().compute(subaccount("alice"), alice)).isTrue();
        assertThat(alice.netCollateralMaintenance()).as("her margin value is below zero").isNegative();
        assertThat(fx.usdcBalance("bob", 0) - bobBefore).isEqualTo(40_000 * USDC);
        // Her quote balance is a debt of 39,250 that her ETH backs.
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(-39_250 * USDC);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldSettleATinyPayoffWhenABankruptShortOwesWhatNoLongIsPaid()
    {
        // One price unit above the strike: 0.01 BTC of calls pay every long 0 (rounded down) and cost the short one
        // quantum (rounded up); the short is bankrupt from a perpetual loss and the fund is empty.
        assertThat(fx.depositUsdc("carol", 0, 20_000)).isTrue();
        assertThat(fx.depositUsdc("erin", 0, 100_000)).isTrue();
        moveBtc(70_000);
        assertThat(fx.tradeBtc("erin", "carol", false, 30_000, 70_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 1, 1_000)).isTrue();
        fx.advance(expiry - 40 * MINUTE - fx.now());
        final long justAboveStrike = 60_000 * BTC_USD + 1;
        fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, justAboveStrike));
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, justAboveStrike))).isTrue();
        fx.advance(expiry + 5 * MINUTE - fx.now());
        assertThat(fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, justAboveStrike))).isTrue();
        assertThat(fx.engine.state().insuranceFund()).isZero();

        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isTrue();

        assertThat(fx.engine.state().markets().option(call).isSettled()).isTrue();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldLiquidateAPerpetualWhileAnOptionOfTheSubaccountIsOnAStaleSurface()
    {
        // Carol is long 1 BTC and 0.01 BTC of calls; five hours pass without a surface (heartbeat 4 h) while BTC
        // falls 7,000: her perpetual is liquidated; her option, whose mark is unknown, is not.
        assertThat(fx.depositUsdc("carol", 0, 5_000)).isTrue();
        assertThat(fx.tradeBtc("bob", "carol", false, 10_000, 60_000)).isTrue();
        assertThat(fx.tradeOption("bob", "carol", call, false, 1, 100)).isTrue();
        fx.advance(5 * 60 * MINUTE);
        for (long usd = 59_000; usd >= 53_000; usd -= 1_000)
        {
            fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, usd * BTC_USD));
            fx.apply(fx.priceRound(fx.tick(), BTC_ORACLE, usd * BTC_USD));
        }
        assertThat(figures("carol").netCollateralMaintenance()).isNegative();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(liquidation("carol", call, fx.position("carol", 0, call)))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_VOL_SURFACE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.apply(liquidation("carol", EngineFixture.BTC, fx.position("carol", 0, EngineFixture.BTC))))
            .isTrue();

        assertThat(fx.position("carol", 0, EngineFixture.BTC)).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldCoverTheDeficitOfAnExpiringLastPositionFromTheFeePoolThenRecordBadDebt()
    {
        // Carol is long 1 BTC and short 0.1 BTC of calls on 5,000 USDC; BTC falls to 54,000: she is underwater. Her
        // perpetual is deleveraged against bob at her bankruptcy price, which keeps her ratio of net collateral to
        // requirement: the short call is left carrying her share of the deficit, and nobody liquidates it.
        assertThat(fx.depositUsdc("carol", 0, 5_000)).isTrue();
        assertThat(fx.tradeBtc("bob", "carol", false, 10_000, 60_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 10, 7_500)).isTrue();
        moveBtc(54_000);
        assertThat(fx.apply(liquidation("carol", EngineFixture.BTC, fx.position("carol", 0, EngineFixture.BTC))))
            .isTrue();
        assertThat(fx.position("carol", 0, EngineFixture.BTC)).isZero();
        assertThat(figures("carol").netCollateralMaintenance()).isNegative();
        fx.advance(expiry - 40 * MINUTE - fx.now());
        moveBtc(54_000);
        fx.advance(expiry + 5 * MINUTE - fx.now());
        // The call expires worthless: her deficit is her quote balance below zero.
        final long deficit = -fx.usdcBalance("carol", 0);
        assertThat(deficit).isPositive();
        final long feePool = fx.engine.state().feePool();
        assertThat(fx.engine.state().insuranceFund()).isZero();
        assertThat(feePool).isPositive().isLessThan(deficit);

        // The call expires worthless: carol is left with her deficit and no position for a keeper.
        assertThat(fx.apply(new SettleExpiry(fx.tick(), call))).isTrue();

        final Event.ExpiryDeficitsCovered covered = last(Event.ExpiryDeficitsCovered.class);
        assertThat(covered.deficits()).isEqualTo(deficit);
        assertThat(covered.fromInsuranceFund()).isZero();
        assertThat(covered.fromFeePool()).isEqualTo(feePool);
        assertThat(covered.toBadDebt()).isEqualTo(deficit - feePool);
        assertThat(fx.engine.state().badDebt()).isEqualTo(deficit - feePool);
        assertThat(fx.engine.state().feePool()).isZero();
        assertThat(figures("carol").netCollateralMaintenance()).isZero();
        assertThat(subaccount("carol").positionCount()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldLetAKeeperThatHoldsTheWholeOppositeSidePayTheLossItWouldHaveBeenSocialized()
    {
        // The keeper is the only long of the call (bought 0.5 BTC from carol); carol is also long 1 BTC of the
        // perpetual. BTC falls to 40,000: the call is worthless (the keeper's long is not in profit, so it cannot be
        // deleveraged) and carol is far underwater.
        assertThat(fx.depositUsdc("carol", 0, 8_000)).isTrue();
        assertThat(fx.depositUsdc("dave", 0, 100_000)).isTrue();
        assertThat(fx.tradeOption("carol", "keeper", call, false, 50, 7_500)).isTrue();
        assertThat(fx.tradeBtc("dave", "carol", false, 10_000, 60_000)).isTrue();
        moveBtc(54_000);
        moveBtc(48_600);
        moveBtc(43_740);
        moveBtc(40_000);
        // The perpetual goes first (deleveraged against dave); the short call keeps carol's share of the deficit.
        assertThat(fx.apply(liquidation("carol", EngineFixture.BTC, fx.position("carol", 0, EngineFixture.BTC))))
            .isTrue();
        assertThat(figures("carol").netCollateralMaintenance()).isNegative();
        final long keeperBefore = fx.usdcBalance("keeper", 0);

        assertThat(fx.apply(liquidation("carol", call, -fx.position("carol", 0, call)))).isTrue();

        // Nobody is left on the long side for the loss index: the keeper, whose long it would have charged, pays.
        final Event.Liquidated liquidated = last(Event.Liquidated.class);
        final Event.LossSocialized socialized = last(Event.LossSocialized.class);
        assertThat(socialized.marketId()).isEqualTo(call);
        assertThat(socialized.longsPay()).isTrue();
        assertThat(socialized.lossIndex()).isZero();
        assertThat(keeperBefore - fx.usdcBalance("keeper", 0))
            .isEqualTo(liquidated.fillQuote() + socialized.amount());
        assertThat(fx.position("keeper", 0, call)).isZero();
        assertThat(fx.engine.state().markets().option(call).openInterestBaseQuantums()).isZero();
        assertThat(subaccount("carol").positionCount()).isZero();
        assertThat(figures("carol").netCollateralMaintenance()).isNotNegative();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldChargeAKeeperLeftAloneOnThePayingSideTheWholeSocializedLoss()
    {
        // Dave holds the whole long side of the call, bought at 40,000 a BTC (at a loss, so he is not deleveraged);
        // carol, short, is underwater at 80,000 and the fund is empty. Dave liquidates half of her short: the loss
        // socialized to the longs is charged to his remaining long through the loss index (his margin check counts
        // that share before the liquidation is accepted).
        assertThat(fx.depositUsdc("carol", 0, 5_000)).isTrue();
        assertThat(fx.depositUsdc("dave", 0, 200_000)).isTrue();
        assertThat(fx.tradeOption("carol", "bob", call, false, 50, 7_500)).isTrue();
        assertThat(fx.tradeOption("bob", "dave", call, false, 50, 400_000)).isTrue();
        moveBtc(70_000);
        moveBtc(80_000);
        assertThat(figures("carol").netCollateralMaintenance()).isNegative();
        final Liquidate half = new Liquidate(fx.tick(), address("dave"), 0, address("carol"), 0, call,
            -fx.position("carol", 0, call) / 2, 1, null);

        assertThat(fx.apply(half.withSignature(Secp256k1.sign(half.digest(fx.engine.domainSeparator()),
            EngineFixture.key("dave"))))).isTrue();

        final Event.LossSocialized socialized = last(Event.LossSocialized.class);
        assertThat(socialized.longsPay()).isTrue();
        final MarginFigures dave = figures("dave");
        // His remaining long carries the whole loss (he is the only long), and he still meets initial margin.
        assertThat(-dave.accruedFunding()).isBetween(socialized.amount(), socialized.amount() + 1);
        assertThat(dave.meetsInitialMargin()).isTrue();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }
}
