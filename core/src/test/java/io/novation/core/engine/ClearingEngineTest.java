package io.novation.core.engine;

import io.novation.core.command.Deposit;
import io.novation.core.command.Order;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SettleTrade;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

class ClearingEngineTest
{
    private final EngineFixture fx = new EngineFixture();

    private void fund()
    {
        assertThat(fx.depositUsdc("alice", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 10_000)).isTrue();
    }

    private void assertRejectedWith(final RejectReason reason, final byte[] rootBefore)
    {
        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected).as("last event is a rejection").isNotNull();
        assertThat(rejected.code()).isEqualTo(reason);
        assertThat(rejected.message()).isNotBlank();
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldCreditDepositsAndRejectReplayedDepositIds()
    {
        fund();
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(10_000 * USDC);
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new Deposit(fx.tick(), address("alice"), 0, 0, USDC, 1))).isFalse();
        assertRejectedWith(RejectReason.DUPLICATE_DEPOSIT, root);
    }

    @Test
    void shouldSettleTradeMovingPositionsQuoteAndFees()
    {
        fund();
        assertThat(fx.tradeBtc("alice", "bob", true, 5_000, 60_000)).isTrue();

        assertThat(fx.position("alice", 0, BTC)).isEqualTo(ONE_BTC / 2);
        assertThat(fx.position("bob", 0, BTC)).isEqualTo(-ONE_BTC / 2);
        // 0.5 BTC at 60,000 = 30,000 USDC; taker fee 0.05 % = 15; maker rebate 0.01 % = 3.
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo((10_000 - 30_000 + 3) * USDC);
        assertThat(fx.usdcBalance("bob", 0)).isEqualTo((10_000 + 30_000 - 15) * USDC);
        assertThat(fx.engine.state().feePool()).isEqualTo(12 * USDC);
        assertThat(fx.engine.state().markets().perpetual(BTC).openInterestBaseQuantums()).isEqualTo(ONE_BTC / 2);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
        assertThat(fx.events.events()).anySatisfy(e -> assertThat(e).isInstanceOf(Event.TradeSettled.class));
    }

    @Test
    void shouldRejectWithdrawalThatBreaksInitialMargin()
    {
        fund();
        assertThat(fx.tradeBtc("alice", "bob", true, 5_000, 60_000)).isTrue();
        // alice: net collateral 10,003 USDC, IMR 5 % of 30,000 = 1,500: 9,000 would leave 1,003 < 1,500.
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 9_000 * USDC, 1))).isFalse();
        assertRejectedWith(RejectReason.INSUFFICIENT_MARGIN, root);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 8_000 * USDC, 1))).isTrue();
        assertThat(fx.engine.state().totalWithdrawn(0)).isEqualTo(8_000 * USDC);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRejectTradeThatBreaksInitialMargin()
    {
        fund();
        final byte[] root = fx.engine.stateRoot();
        // 4 BTC at 60,000 = 240,000 notional needs 12,000 IMR against 10,000 of collateral.
        assertThat(fx.tradeBtc("alice", "bob", true, 40_000, 60_000)).isFalse();
        assertRejectedWith(RejectReason.INSUFFICIENT_MARGIN, root);
    }

    @Test
    void shouldAllowRiskReducingTradeBelowInitialMargin()
    {
        fund();
        assertThat(fx.depositUsdc("carol", 0, 100_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 30_000, 60_000)).isTrue();
        // BTC falls: alice (3 BTC long, 10,000 equity) drops below initial margin but stays above maintenance.
        // At 58,500: net collateral 5,518 is below IMR 8,775 but above MMR 5,265.
        assertThat(fx.btcPrice(58_500)).isTrue();
        assertThat(fx.tradeBtc("alice", "carol", true, 1_000, 58_500)).as("adding risk is refused").isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.tradeBtc("alice", "carol", false, 10_000, 58_500)).as("reducing risk is allowed").isTrue();
        assertThat(fx.position("alice", 0, BTC)).isEqualTo(2 * ONE_BTC);
    }

    @Test
    void shouldRejectOrderSignedByAnotherKey()
    {
        fund();
        final byte[] root = fx.engine.stateRoot();
        final long size = ONE_BTC / 10;
        final long price = 60_000 * BTC_USD;
        final Order forged = Order.of(address("alice"), 0, BTC, true, size, price, 99, fx.now() + 60_000, false, null);
        final Order signedByMallory = forged.withSignature(
            Secp256k1.sign(forged.digest(fx.engine.domainSeparator()), EngineFixture.key("mallory")));
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, signedByMallory,
            fx.order("bob", 0, BTC, false, size, price, false), size, price))).isFalse();
        assertRejectedWith(RejectReason.BAD_SIGNATURE, root);
    }

    @Test
    void shouldRejectReplayedFillOfFullyFilledOrder()
    {
        fund();
        final long size = ONE_BTC / 10;
        final long price = 60_000 * BTC_USD;
        final SettleTrade fill = new SettleTrade(fx.tick(), BTC, fx.order("alice", 0, BTC, true, size, price, false),
            fx.order("bob", 0, BTC, false, size, price, false), size, price);
        assertThat(fx.apply(fill)).isTrue();
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, fill.maker(), fill.taker(), size, price))).isFalse();
        assertRejectedWith(RejectReason.ORDER_OVERFILLED, root);
    }

    @Test
    void shouldFillOrderInPartsUpToItsSize()
    {
        fund();
        final long price = 60_000 * BTC_USD;
        final Order maker = fx.order("alice", 0, BTC, true, ONE_BTC / 10, price, false);
        final long part = ONE_BTC / 40;
        for (int i = 0; i < 4; i++)
        {
            assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, maker, fx.order("bob", 0, BTC, false, part, price,
                false), part, price))).isTrue();
        }
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, maker, fx.order("bob", 0, BTC, false, part, price,
            false), part, price))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ORDER_OVERFILLED);
        assertThat(fx.position("alice", 0, BTC)).isEqualTo(ONE_BTC / 10);
    }

    @Test
    void shouldRejectFillPriceBeyondLimit()
    {
        fund();
        final byte[] root = fx.engine.stateRoot();
        final long size = ONE_BTC / 10;
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC,
            fx.order("alice", 0, BTC, true, size, 59_000 * BTC_USD, false),
            fx.order("bob", 0, BTC, false, size, 59_000 * BTC_USD, false), size, 60_000 * BTC_USD))).isFalse();
        assertRejectedWith(RejectReason.LIMIT_PRICE_VIOLATED, root);
    }

    @Test
    void shouldRejectExpiredOrder()
    {
        fund();
        final long size = ONE_BTC / 10;
        final long price = 60_000 * BTC_USD;
        final Order maker = fx.order("alice", 0, BTC, true, size, price, false);
        final Order taker = fx.order("bob", 0, BTC, false, size, price, false);
        // A fresh price at the expiry keeps the market open, so the order's expiry is what refuses the fill.
        assertThat(fx.apply(fx.priceRound(maker.expiry(), EngineFixture.BTC_ORACLE, price))).isTrue();
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new SettleTrade(maker.expiry(), BTC, maker, taker, size, price))).isFalse();
        assertRejectedWith(RejectReason.ORDER_EXPIRED, root);
    }

    @Test
    void shouldRejectReduceOnlyOrderThatIncreasesPosition()
    {
        fund();
        final long size = ONE_BTC / 10;
        final long price = 60_000 * BTC_USD;
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, fx.order("alice", 0, BTC, true, size, price, true),
            fx.order("bob", 0, BTC, false, size, price, false), size, price))).isFalse();
        assertRejectedWith(RejectReason.REDUCE_ONLY_VIOLATED, root);
    }

    @Test
    void shouldAllowOnlyReducingTradesInReduceOnlyMarketAndNoneWhenHalted()
    {
        fund();
        assertThat(fx.depositUsdc("carol", 0, 10_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 1_000, 60_000)).isTrue();
        assertThat(fx.apply(new SetMarketStatus(fx.tick(), BTC, MarketStatus.REDUCE_ONLY))).isTrue();
        assertThat(fx.tradeBtc("alice", "carol", true, 1_000, 60_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.MARKET_REDUCE_ONLY);
        assertThat(fx.tradeBtc("alice", "bob", false, 500, 60_000)).isTrue();
        assertThat(fx.apply(new SetMarketStatus(fx.tick(), BTC, MarketStatus.HALTED))).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", false, 500, 60_000)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.MARKET_HALTED);
    }

    @Test
    void shouldRejectSignedWithdrawalWithReusedNonce()
    {
        fund();
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 100 * USDC, 5))).isTrue();
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, 100 * USDC, 5))).isFalse();
        assertRejectedWith(RejectReason.NONCE_REUSED, root);
    }

    @Test
    void shouldWeightNonQuoteCollateralByItsHaircut()
    {
        // 10 ETH at 3,000 = 30,000 USD; initial weight 0.8 gives 24,000 of initial net collateral.
        assertThat(fx.deposit("alice", 0, ETH_ASSET, 10 * ONE_ETH_COLLATERAL)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        // 8 BTC at 60,000 = 480,000 needs IMR 24,000: covered by the haircut ETH plus the 48 USDC maker rebate.
        assertThat(fx.tradeBtc("alice", "bob", true, 80_000, 60_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();
        // 0.02 BTC more adds 60 of IMR against 0.12 of rebate.
        assertThat(fx.tradeBtc("alice", "bob", true, 200, 60_000)).isFalse();
        assertRejectedWith(RejectReason.INSUFFICIENT_MARGIN, root);
    }

    @Test
    void shouldKeepIsolatedSubaccountToOneMarketAndQuoteCollateral()
    {
        fund();
        assertThat(fx.apply(fx.transfer("alice", 0, 128, 0, 2_000 * USDC, 1))).isTrue();
        assertThat(fx.usdcBalance("alice", 128)).isEqualTo(2_000 * USDC);
        assertThat(fx.deposit("alice", 128, ETH_ASSET, ONE_ETH_COLLATERAL)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ISOLATED_SUBACCOUNT_VIOLATION);
        final long size = ONE_BTC / 100;
        final long price = 60_000 * BTC_USD;
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, fx.order("alice", 128, BTC, true, size, price, false),
            fx.order("bob", 0, BTC, false, size, price, false), size, price))).isTrue();
        final long ethSize = 1_000_000_000L;
        final long ethPrice = 3_000 * EngineFixture.ETH_USD;
        assertThat(fx.apply(new SettleTrade(fx.tick(), EngineFixture.ETH_PERP,
            fx.order("alice", 128, EngineFixture.ETH_PERP, true, ethSize, ethPrice, false),
            fx.order("bob", 0, EngineFixture.ETH_PERP, false, ethSize, ethPrice, false), ethSize, ethPrice)))
            .isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ISOLATED_SUBACCOUNT_VIOLATION);
    }

    @Test
    void shouldRejectUnknownMarketAndOffTickPrice()
    {
        fund();
        final byte[] root = fx.engine.stateRoot();
        final long size = ONE_BTC / 10;
        final long price = 60_000 * BTC_USD;
        assertThat(fx.apply(new SettleTrade(fx.tick(), 7, fx.order("alice", 0, BTC, true, size, price, false),
            fx.order("bob", 0, BTC, false, size, price, false), size, price))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_MARKET, root);
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, fx.order("alice", 0, BTC, true, size, price + 1, false),
            fx.order("bob", 0, BTC, false, size, price + 1, false), size, price + 1))).isFalse();
        assertRejectedWith(RejectReason.OFF_TICK, root);
    }

    @Test
    void shouldRejectOverflowingAmountsWithoutChangingState()
    {
        fund();
        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new Deposit(fx.tick(), address("alice"), 0, 0, Long.MAX_VALUE, 99))).isFalse();
        assertRejectedWith(RejectReason.OVERFLOW, root);
        final long size = (Long.MAX_VALUE / 1_000_000) * 1_000_000;
        final long price = 60_000 * BTC_USD;
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, fx.order("alice", 0, BTC, true, size, price, false),
            fx.order("bob", 0, BTC, false, size, price, false), size, price))).isFalse();
        assertRejectedWith(RejectReason.OVERFLOW, root);
    }

    @Test
    void shouldRealizePnlWhenClosingAndKeepItZeroSumWithFees()
    {
        fund();
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
        assertThat(fx.btcPrice(61_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", false, 10_000, 61_000)).isTrue();
        final var alice = fx.engine.state().accounts().find(address("alice")).subaccount(0);
        final var bob = fx.engine.state().accounts().find(address("bob")).subaccount(0);
        assertThat(alice.realizedPnl()).isEqualTo(1_000 * USDC);
        assertThat(bob.realizedPnl()).isEqualTo(-1_000 * USDC);
        assertThat(alice.positionCount()).isZero();
        // Cash: alice gains 1,000 and two rebates (6 + 6.1), bob loses 1,000 and two taker fees (30 + 30.5).
        assertThat(fx.usdcBalance("alice", 0) + fx.usdcBalance("bob", 0) + fx.engine.state().feePool())
            .isEqualTo(20_000 * USDC);
    }

    @Test
    void shouldForgetFillsOfExpiredOrdersWhenTimeEntersANewHourAndStillRefuseTheirReplay()
    {
        fund();
        final long size = ONE_BTC / 10;
        final long price = 60_000 * BTC_USD;
        final Order maker = fx.order("alice", 0, BTC, true, size, price, false);
        final Order taker = fx.order("bob", 0, BTC, false, size, price, false);
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, maker, taker, size / 2, price))).isTrue();
        assertThat(fx.engine.state().fills().size()).isEqualTo(2);

        // The orders expire an hour after they were made; the next hour boundary after that prunes them.
        fx.advance(2 * 3_600_000);
        assertThat(fx.btcPrice(60_000)).isTrue();

        assertThat(fx.engine.state().fills().size()).isZero();
        assertThat(fx.apply(new SettleTrade(fx.tick(), BTC, maker, taker, size / 2, price))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.ORDER_EXPIRED);
    }
}
