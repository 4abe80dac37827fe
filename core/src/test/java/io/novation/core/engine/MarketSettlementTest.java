package io.novation.core.engine;

import io.novation.core.command.CommandCodec;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.Liquidate;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SettleMarket;
import io.novation.core.event.Event;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.pricing.OptionType;
import io.novation.core.snapshot.SnapshotCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settleMarket}: a delisting announcement turns the market reduce-only; at its time every position closes at
 * the oracle's 30-minute TWAP (funding first, PnL realized), deficits go through the insurance fund and then the
 * winners pro rata, conservation holds exactly, and the settled market refuses trades, liquidations and status
 * changes; every refusal leaves the root unchanged.
 */
class MarketSettlementTest
{
    private static final long MINUTE = 60_000L;

    private EngineFixture fx;
    private long settlementTime;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        settlementTime = (fx.now() + DAY_MS + 10 * MINUTE) / MINUTE * MINUTE;
        assertThat(fx.depositUsdc("alice", 0, 20_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 20_000)).isTrue();
        assertThat(fx.depositUsdc("carol", 0, 20_000)).isTrue();
        // alice long 1 BTC, bob short 1 BTC at 60,000.
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
    }

    private boolean announce()
    {
        return fx.apply(new SettleMarket(fx.tick(), BTC, settlementTime));
    }

    private PerpetualMarket btc()
    {
        return fx.engine.state().markets().perpetual(BTC);
    }

    /** Rounds at {@code usd} every five minutes from 40 minutes before the settlement time until just before it. */
    private void priceUpToSettlement(final long usd)
    {
        fx.advance(settlementTime - 40 * MINUTE - fx.now());
        for (int i = 0; i < 8; i++)
        {
            fx.advance(i == 0 ? 0 : 5 * MINUTE - 1);
            assertThat(fx.btcPrice(usd)).isTrue();
        }
        assertThat(fx.now()).isLessThan(settlementTime);
    }

    private void assertRejectedWith(final RejectReason reason, final byte[] rootBefore)
    {
        final Event.Rejected rejected = fx.lastRejection();
        assertThat(rejected).as("last event is a rejection").isNotNull();
        assertThat(rejected.code()).isEqualTo(reason);
        assertThat(fx.engine.stateRoot()).as("state root unchanged").isEqualTo(rootBefore);
    }

    @Test
    void shouldTurnTheMarketReduceOnlyAtTheAnnouncement()
    {
        assertThat(announce()).isTrue();

        assertThat(btc().status()).isEqualTo(MarketStatus.REDUCE_ONLY);
        assertThat(btc().delistingTime()).isEqualTo(settlementTime);
        assertThat(fx.events.events()).contains(new Event.MarketDelistingAnnounced(fx.engine.state().sequence(), BTC,
            settlementTime));
        final byte[] root = fx.engine.stateRoot();
        // carol would open a position: refused.
        assertThat(fx.tradeBtc("alice", "carol", false, 2_000, 60_000)).isFalse();
        assertRejectedWith(RejectReason.MARKET_REDUCE_ONLY, root);
        // alice and bob both reduce: accepted.
        assertThat(fx.tradeBtc("alice", "bob", false, 4_000, 60_000)).isTrue();
        assertThat(fx.position("alice", 0, BTC)).isEqualTo(6 * ONE_BTC / 10);
    }

    @Test
    void shouldRefuseBadAnnouncementsWithTheRootUnchanged()
    {
        byte[] root = fx.engine.stateRoot();
        assertThat(fx.apply(new SettleMarket(fx.tick(), 7, settlementTime))).isFalse();
        assertRejectedWith(RejectReason.UNKNOWN_MARKET, root);

        assertThat(fx.apply(new SettleMarket(fx.tick(), BTC, fx.now() + MarketSettlement.MIN_NOTICE_MS - 1)))
            .isFalse();
        assertRejectedWith(RejectReason.NOTICE_TOO_SHORT, root);

        final long expiry = (fx.now() + 2 * DAY_MS) / MINUTE * MINUTE;
        final int call = fx.createBtcOption("BTC-2D-60000-C", 60_000, expiry, OptionType.CALL);
        assertThat(fx.flatBtcSurface(0.6, expiry)).isTrue();
        assertThat(fx.tradeOption("alice", "carol", call, true, 100, 1_000)).isTrue();
        root = fx.engine.stateRoot();
        assertThat(announce()).isFalse();
        assertRejectedWith(RejectReason.OPEN_OPTIONS, root);
        assertThat(btc().isDelisting()).isFalse();
    }

    @Test
    void shouldRefuseAnAnnouncementWhoseSettlementTimeIsFarInThePastWithoutThrowing()
    {
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new SettleMarket(fx.tick(), BTC, Long.MIN_VALUE))).isFalse();

        assertRejectedWith(RejectReason.NOTICE_TOO_SHORT, root);
        assertThat(btc().isDelisting()).isFalse();
    }

    @Test
    void shouldRefuseASettlementBeforeItsTimeOrAtAnotherTime()
    {
        assertThat(announce()).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new SettleMarket(fx.tick(), BTC, settlementTime))).isFalse();
        assertRejectedWith(RejectReason.SETTLEMENT_NOT_DUE, root);
        assertThat(fx.apply(new SettleMarket(fx.tick(), BTC, settlementTime + MINUTE))).isFalse();
        assertRejectedWith(RejectReason.INVALID_COMMAND, root);
        assertThat(fx.apply(new SetMarketStatus(fx.tick(), BTC, MarketStatus.ACTIVE))).isFalse();
        assertRejectedWith(RejectReason.MARKET_DELISTING, root);
    }

    @Test
    void shouldCloseEveryPositionAtTheTwapAndRefuseEverythingAfter()
    {
        assertThat(announce()).isTrue();
        priceUpToSettlement(62_000);
        fx.advance(settlementTime + MINUTE - fx.now());
        final long feePoolBefore = fx.engine.state().feePool();
        final long aliceBefore = fx.usdcBalance("alice", 0);
        final long bobBefore = fx.usdcBalance("bob", 0);

        assertThat(fx.apply(new SettleMarket(fx.now(), BTC, settlementTime))).isTrue();

        // 1 BTC closes at 62,000: alice receives 62,000 USDC, bob pays it; PnL ±2,000.
        assertThat(btc().finalSettlementPrice()).isEqualTo(62_000 * BTC_USD);
        assertThat(fx.usdcBalance("alice", 0) - aliceBefore).isEqualTo(62_000 * USDC);
        assertThat(fx.usdcBalance("bob", 0) - bobBefore).isEqualTo(-62_000 * USDC);
        assertThat(fx.position("alice", 0, BTC)).isZero();
        assertThat(fx.position("bob", 0, BTC)).isZero();
        assertThat(btc().openInterestBaseQuantums()).isZero();
        assertThat(btc().isSettled()).isTrue();
        assertThat(btc().status()).isEqualTo(MarketStatus.HALTED);
        final long sequence = fx.engine.state().sequence();
        final List<Event> events = fx.events.events();
        assertThat(events).contains(new Event.PositionSettled(sequence, address("alice"), 0, BTC, ONE_BTC,
            62_000 * USDC, 0, 2_000 * USDC));
        assertThat(events).contains(new Event.PositionSettled(sequence, address("bob"), 0, BTC, -ONE_BTC,
            -62_000 * USDC, 0, -2_000 * USDC));
        assertThat(fx.events.last()).isEqualTo(new Event.MarketSettled(sequence, BTC, 62_000 * BTC_USD, 2, 0, 0, 0,
            0, 0));
        assertThat(fx.engine.state().feePool()).isEqualTo(feePoolBefore);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();

        final byte[] root = fx.engine.stateRoot();
        assertThat(fx.btcPrice(62_000)).isTrue();
        final byte[] afterRound = fx.engine.stateRoot();
        assertThat(fx.tradeBtc("alice", "carol", true, 1_000, 62_000)).isFalse();
        assertRejectedWith(RejectReason.MARKET_SETTLED, afterRound);
        assertThat(fx.apply(new SettleMarket(fx.tick(), BTC, settlementTime))).isFalse();
        assertRejectedWith(RejectReason.MARKET_SETTLED, afterRound);
        assertThat(fx.apply(new SetMarketStatus(fx.tick(), BTC, MarketStatus.ACTIVE))).isFalse();
        assertRejectedWith(RejectReason.MARKET_SETTLED, afterRound);
        assertThat(fx.apply(new Liquidate(fx.tick(), address("carol"), 0, address("alice"), 0, BTC,
            btc().stepSize(), 1, null))).isFalse();
        assertRejectedWith(RejectReason.MARKET_SETTLED, afterRound);
        assertThat(root).isNotEqualTo(afterRound);
    }

    @Test
    void shouldFixThePriceAtTheFirstRoundAfterTheTimeSoLaterRoundsDoNotMoveIt()
    {
        assertThat(announce()).isTrue();
        priceUpToSettlement(61_000);
        fx.advance(settlementTime + MINUTE - fx.now());
        assertThat(fx.btcPrice(58_000)).isTrue();
        assertThat(btc().finalSettlementPrice()).isEqualTo(61_000 * BTC_USD);
        assertThat(fx.events.events()).contains(new Event.MarketSettlementFixed(fx.engine.state().sequence(), BTC,
            61_000 * BTC_USD));
        // Two hours of later rounds: the TWAP window of the settlement time is long gone from the ring.
        for (int i = 0; i < 24; i++)
        {
            fx.advance(5 * MINUTE);
            assertThat(fx.btcPrice(57_000)).isTrue();
        }

        assertThat(fx.apply(new SettleMarket(fx.tick(), BTC, settlementTime))).isTrue();
        assertThat(fx.position("alice", 0, BTC)).isZero();
        assertThat(((Event.MarketSettled)fx.events.last()).settlementPrice()).isEqualTo(61_000 * BTC_USD);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldCoverADeficitFromTheInsuranceFundThenFromTheWinnersProRata()
    {
        // dave long 1 BTC at 60,000 on 4,000 USDC, erin short; the price falls to 55,000 and nobody liquidates.
        assertThat(fx.depositUsdc("dave", 0, 4_000)).isTrue();
        assertThat(fx.depositUsdc("erin", 0, 10_000)).isTrue();
        assertThat(fx.tradeBtc("dave", "erin", true, 10_000, 60_000)).isTrue();
        assertThat(fx.apply(new FundInsurance(fx.tick(), InsuranceFunds.CROSS, 20 * USDC))).isTrue();
        assertThat(announce()).isTrue();
        priceUpToSettlement(55_000);
        final long erinBefore = fx.usdcBalance("erin", 0);
        final long bobBefore = fx.usdcBalance("bob", 0);
        final long daveBefore = fx.usdcBalance("dave", 0);

        fx.advance(settlementTime + MINUTE - fx.now());
        assertThat(fx.apply(new SettleMarket(fx.now(), BTC, settlementTime))).isTrue();

        // dave: -55,994 + 55,000 = -994 USDC; the fund pays 20, the winners (bob and erin, +5,000 each) 974.
        final Event.MarketSettled settled = (Event.MarketSettled)fx.events.last();
        assertThat(settled.deficits()).isEqualTo(994 * USDC);
        assertThat(settled.fromInsurance()).isEqualTo(20 * USDC);
        assertThat(settled.socialized()).isEqualTo(974 * USDC);
        assertThat(settled.toBadDebt()).isZero();
        assertThat(fx.usdcBalance("dave", 0)).isZero();
        assertThat(daveBefore).isEqualTo(-55_994 * USDC);
        assertThat(fx.engine.state().insuranceFund()).isZero();
        final long erinPaid = erinBefore - 55_000 * USDC - fx.usdcBalance("erin", 0);
        final long bobPaid = bobBefore - 55_000 * USDC - fx.usdcBalance("bob", 0);
        assertThat(erinPaid).isEqualTo(bobPaid).isEqualTo(487 * USDC);
        assertThat(fx.engine.state().badDebt()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldBookWhatTheWinnersCannotGiveAsBadDebt()
    {
        // dave long 1 BTC at 60,000, erin short; dave's collateral is then drained by 20,000 USDC of charges (moved to
        // the fee pool, as if paid in fees), so his deficit at settlement exceeds what the winners made on BTC.
        assertThat(fx.depositUsdc("dave", 0, 10_000)).isTrue();
        assertThat(fx.depositUsdc("erin", 0, 10_000)).isTrue();
        assertThat(fx.tradeBtc("dave", "erin", true, 10_000, 60_000)).isTrue();
        fx.engine.state().accounts().find(address("dave")).subaccount(0).addBalance(0, -20_000 * USDC);
        fx.engine.state().addToFeePool(20_000 * USDC);
        fx.engine.state().markGlobalChanged();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
        assertThat(announce()).isTrue();
        priceUpToSettlement(59_000);
        fx.advance(settlementTime + MINUTE - fx.now());

        assertThat(fx.apply(new SettleMarket(fx.now(), BTC, settlementTime))).isTrue();

        // dave: 10,000 + 6 - 60,000 - 20,000 + 59,000 = -10,994; bob and erin made 1,000 each and give it all.
        final Event.MarketSettled settled = (Event.MarketSettled)fx.events.last();
        assertThat(settled.deficits()).isEqualTo(10_994 * USDC);
        assertThat(settled.fromInsurance()).isZero();
        assertThat(settled.socialized()).isEqualTo(2_000 * USDC);
        assertThat(settled.toBadDebt()).isEqualTo(8_994 * USDC);
        assertThat(fx.engine.state().badDebt()).isEqualTo(8_994 * USDC);
        assertThat(fx.events.events()).contains(new Event.PositionSettled(settled.sequence(), address("erin"), 0,
            BTC, -ONE_BTC, -60_000 * USDC, 1_000 * USDC, 0));
        assertThat(fx.usdcBalance("dave", 0)).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRestoreADelistedAndASettledMarketFromASnapshotToTheSameRoot()
    {
        assertThat(announce()).isTrue();
        priceUpToSettlement(60_500);
        final byte[] delisting = SnapshotCodec.write(fx.engine);
        fx.advance(settlementTime + MINUTE - fx.now());
        final byte[] journaled = CommandCodec.encode(new SettleMarket(fx.now(), BTC, settlementTime));
        assertThat(fx.apply(CommandCodec.decode(journaled))).isTrue();

        final ClearingEngine replayed = SnapshotCodec.read(delisting, fx.engine.config(), EventSink.NONE);
        assertThat(replayed.state().markets().perpetual(BTC).delistingTime()).isEqualTo(settlementTime);
        assertThat(replayed.apply(CommandCodec.decode(journaled))).isTrue();
        assertThat(replayed.stateRoot()).isEqualTo(fx.engine.stateRoot());
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(restored.state().markets().perpetual(BTC).isSettled()).isTrue();
    }

    @Test
    void shouldLeaveTheRootAndSnapshotOfAStateWithoutDelistingUnchangedByTheNewCode()
    {
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(fx.engine), fx.engine.config(),
            EventSink.NONE);
        assertThat(btc().hasLifecycleState()).isFalse();
        assertThat(restored.stateRoot()).isEqualTo(fx.engine.stateRoot());
        assertThat(SnapshotCodec.write(restored)).isEqualTo(SnapshotCodec.write(fx.engine));
    }
}
