package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.command.Liquidate;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import org.junit.jupiter.api.Test;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquidations through the engine, on the fixture's BTC-USD (IMF 5 %, MMF 3 %): the keeper's fill, the insurance
 * fund's fee and payment, the refusals (healthy, stale, raced, replayed, keeper without margin, too large, cooling
 * down), and the bankruptcy waterfall past the fund: deleveraging, then socialized loss.
 */
class LiquidationEngineTest
{
    private final EngineFixture fx = new EngineFixture();

    private Liquidate liquidation(final String keeper, final String target, final long size)
    {
        final Subaccount keeperSub = subaccount(keeper);
        final long nonce = keeperSub == null ? 1 : keeperSub.account().lastNonce() + 1;
        final Liquidate unsigned = new Liquidate(fx.tick(), address(keeper), 0, address(target), 0, BTC, size, nonce,
            null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(fx.engine.domainSeparator()),
            EngineFixture.key(keeper)));
    }

    private Subaccount subaccount(final String name)
    {
        final var account = fx.engine.state().accounts().find(address(name));
        return account == null ? null : account.subaccount(0);
    }

    private <T extends Event> T last(final Class<T> type)
    {
        return fx.events.events().stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
    }

    /** Alice: 1 BTC long at 60,000 on 4,000 USDC; bob is short; the keeper has 100,000 USDC. */
    private void aliceLongOneBtc()
    {
        assertThat(fx.depositUsdc("alice", 0, 4_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 100_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
    }

    @Test
    void shouldLetAKeeperTakeOverAPositionBelowMaintenanceAndPayTheFundItsFee()
    {
        aliceLongOneBtc();
        // At 57,700 alice's net collateral is 1,700 against a maintenance requirement of 1,731.
        assertThat(fx.btcPrice(57_700)).isTrue();

        assertThat(fx.apply(liquidation("keeper", "alice", ONE_BTC))).isTrue();

        final Event.Liquidated liquidated = last(Event.Liquidated.class);
        // Alice bought as maker with a 6 USDC rebate: net collateral 1,706, quote −55,994. ABR = 1 − 1,706/1,731;
        // the fill is 57,700 − ABR·10 %·1,731 = 57,697.5 USDC; the bankruptcy price 55,994.
        assertThat(liquidated.fillQuote()).isEqualTo(57_697_500_000L);
        assertThat(liquidated.bankruptcyQuote()).isEqualTo(55_994_000_000L);
        // The surplus of 1,703.5 is capped at 0.5 % of the fill.
        assertThat(liquidated.insuranceFundDelta()).isEqualTo(288_487_500L);
        assertThat(fx.engine.state().insuranceFund()).isEqualTo(288_487_500L);
        assertThat(fx.position("alice", 0, BTC)).isZero();
        assertThat(fx.position("keeper", 0, BTC)).isEqualTo(ONE_BTC);
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(-55_994_000_000L + 57_697_500_000L - 288_487_500L);
        assertThat(fx.usdcBalance("keeper", 0)).isEqualTo(100_000 * USDC - 57_697_500_000L);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRefuseToLiquidateAHealthySubaccountAndLeaveTheRoot()
    {
        aliceLongOneBtc();
        assertThat(fx.btcPrice(58_000)).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(liquidation("keeper", "alice", ONE_BTC))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NOT_LIQUIDATABLE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldRefuseToLiquidateOnAStalePrice()
    {
        aliceLongOneBtc();
        assertThat(fx.btcPrice(57_700)).isTrue();
        fx.advance(3 * 60_000);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(liquidation("keeper", "alice", ONE_BTC))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_ORACLE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldGiveTheSecondOfTwoRacingKeepersAClearRefusal()
    {
        aliceLongOneBtc();
        assertThat(fx.depositUsdc("rival", 0, 100_000)).isTrue();
        assertThat(fx.btcPrice(57_700)).isTrue();
        final Liquidate first = liquidation("keeper", "alice", ONE_BTC);
        final Liquidate second = liquidation("rival", "alice", ONE_BTC);

        assertThat(fx.apply(first)).isTrue();
        assertThat(fx.apply(second)).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.LIQUIDATION_TOO_LARGE);
        assertThat(fx.lastRejection().message()).contains("holds 0");
    }

    @Test
    void shouldRefuseAReplayedLiquidation()
    {
        aliceLongOneBtc();
        assertThat(fx.btcPrice(57_700)).isTrue();
        final Liquidate half = liquidation("keeper", "alice", ONE_BTC / 2);
        assertThat(fx.apply(half)).isTrue();

        assertThat(fx.apply(half)).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.NONCE_REUSED);
    }

    @Test
    void shouldRequireTheKeeperToMeetInitialMargin()
    {
        aliceLongOneBtc();
        assertThat(fx.depositUsdc("poor", 0, 1_000)).isTrue();
        assertThat(fx.btcPrice(57_700)).isTrue();

        assertThat(fx.apply(liquidation("poor", "alice", ONE_BTC))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    }

    @Test
    void shouldLiquidateALargePositionInPartsWithACooldown()
    {
        assertThat(fx.depositUsdc("frank", 0, 20_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 1_000_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 1_000_000)).isTrue();
        assertThat(fx.tradeBtc("frank", "bob", true, 50_000, 60_000)).isTrue();
        // 5 BTC at 57,300: net collateral 6,500 against 8,595, above two thirds of it: no backstop.
        assertThat(fx.btcPrice(57_300)).isTrue();

        assertThat(fx.apply(liquidation("keeper", "frank", 2 * ONE_BTC))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.LIQUIDATION_TOO_LARGE);
        assertThat(fx.apply(liquidation("keeper", "frank", ONE_BTC))).isTrue();
        // 4 BTC left, still below maintenance: the next part is 20 % of it, after the cooldown.
        final long nextPart = 8 * ONE_BTC / 10;
        assertThat(fx.apply(liquidation("keeper", "frank", nextPart))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.LIQUIDATION_COOLDOWN);

        fx.advance(30_000);
        assertThat(fx.btcPrice(57_000)).isTrue();
        assertThat(fx.apply(liquidation("keeper", "frank", nextPart))).isTrue();
        assertThat(fx.position("frank", 0, BTC)).isEqualTo(5 * ONE_BTC - ONE_BTC - nextPart);
    }

    @Test
    void shouldLetTheInsuranceFundPayTheDeficitOfAnUnderwaterAccount()
    {
        aliceLongOneBtc();
        assertThat(fx.depositUsdc("dave", 0, 4_000)).isTrue();
        // Alice's liquidation fills the fund first.
        assertThat(fx.tradeBtc("dave", "bob", true, 10_000, 60_000)).isTrue();
        assertThat(fx.btcPrice(57_700)).isTrue();
        assertThat(fx.apply(liquidation("keeper", "alice", ONE_BTC))).isTrue();
        final long fund = fx.engine.state().insuranceFund();
        // Dave is now underwater at 55,900: net collateral −94, bankruptcy 55,994; the fill 55,732.3.
        assertThat(fx.btcPrice(55_900)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 1)).isTrue();

        assertThat(fx.apply(liquidation("keeper", "dave", ONE_BTC))).isTrue();

        final Event.Liquidated liquidated = last(Event.Liquidated.class);
        assertThat(liquidated.bankruptcyQuote()).isEqualTo(55_994_000_000L);
        assertThat(liquidated.insuranceFundDelta()).isNegative();
        assertThat(fx.engine.state().insuranceFund()).isEqualTo(fund + liquidated.insuranceFundDelta());
        assertThat(fx.usdcBalance("dave", 0)).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldDeleverageTheMostProfitableOppositePositionAtTheBankruptcyPriceWhenTheFundIsEmpty()
    {
        aliceLongOneBtc();
        assertThat(fx.btcPrice(55_500)).isTrue();
        final long bobBefore = fx.usdcBalance("bob", 0);

        assertThat(fx.apply(liquidation("keeper", "alice", ONE_BTC))).isTrue();

        final Event.Deleveraged deleveraged = last(Event.Deleveraged.class);
        assertThat(deleveraged.counterparty()).isEqualTo(address("bob"));
        assertThat(deleveraged.size()).isEqualTo(-ONE_BTC);
        // Alice's bankruptcy price: 60,000 − 4,006 = 55,994; bob buys back at it instead of the oracle's 55,500.
        assertThat(deleveraged.quoteAmount()).isEqualTo(55_994_000_000L);
        assertThat(fx.usdcBalance("bob", 0)).isEqualTo(bobBefore - 55_994_000_000L);
        assertThat(fx.usdcBalance("alice", 0)).isZero();
        assertThat(fx.position("alice", 0, BTC)).isZero();
        assertThat(fx.position("bob", 0, BTC)).isZero();
        assertThat(fx.position("keeper", 0, BTC)).isZero();
        assertThat(fx.engine.state().markets().perpetual(BTC).openInterestBaseQuantums()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldSocializeTheLossToTheOppositeSideWhenNoCounterpartyIsInProfit()
    {
        // Bob goes short at 50,000 to erin; erin sells her long to dave at 60,000 (bob is not in profit at 55,500).
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("erin", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("dave", 0, 4_000)).isTrue();
        assertThat(fx.depositUsdc("keeper", 0, 100_000)).isTrue();
        assertThat(fx.btcPrice(55_000)).isTrue();
        assertThat(fx.btcPrice(50_000)).isTrue();
        assertThat(fx.tradeBtc("erin", "bob", true, 10_000, 50_000)).isTrue();
        assertThat(fx.btcPrice(55_000)).isTrue();
        assertThat(fx.btcPrice(60_000)).isTrue();
        assertThat(fx.tradeBtc("dave", "erin", true, 10_000, 60_000)).isTrue();
        assertThat(fx.btcPrice(55_500)).isTrue();

        assertThat(fx.apply(liquidation("keeper", "dave", ONE_BTC))).isTrue();

        final Event.LossSocialized loss = last(Event.LossSocialized.class);
        final Event.Liquidated liquidated = last(Event.Liquidated.class);
        assertThat(loss.longsPay()).isFalse();
        assertThat(loss.amount()).isEqualTo(liquidated.bankruptcyQuote() - liquidated.fillQuote());
        assertThat(fx.usdcBalance("dave", 0)).isZero();
        // Bob, the only short, owes the whole loss through his funding settlement.
        final Subaccount bob = subaccount("bob");
        final var funding = fx.engine.state().markets().perpetual(BTC).funding();
        assertThat(funding.accrued(bob.positionSize(0), bob.positionFundingIndex(0))).isEqualTo(-loss.amount());
        assertThat(Conservation.holds(fx.engine.state())).isTrue();

        assertThat(fx.apply(fx.withdrawal("bob", 0, 0, USDC, 1))).isTrue();
        assertThat(funding.ledger()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
        assertThat(InsuranceFunds.balance(fx.engine.state(), InsuranceFunds.CROSS)).isZero();
    }
}
