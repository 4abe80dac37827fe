package io.novation.core.engine;

import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.market.MarketStatus;
import io.novation.core.pricing.OptionType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_BTC_OPTION;
import static io.novation.core.engine.EngineFixture.OPTION_STEP;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Block trades: a package of legs settles all or nothing, margin is checked once per party after all legs, each leg
 * sits in its band around the mark and on its step, a package executes once, and each refusal names its cause (and
 * the leg at fault) and leaves the state root unchanged.
 */
class BlockTradeSettlementTest
{
    private EngineFixture fx;
    private BlockTrades blocks;
    private int call60;
    private int call70;
    private int put60;
    private long expiry;

    @BeforeEach
    void setUp()
    {
        fx = new EngineFixture();
        blocks = new BlockTrades(fx);
        expiry = fx.now() + 30 * DAY_MS;
        call60 = fx.createBtcOption("BTC-30D-60000-C", 60_000, expiry, OptionType.CALL);
        call70 = fx.createBtcOption("BTC-30D-70000-C", 70_000, expiry, OptionType.CALL);
        put60 = fx.createBtcOption("BTC-30D-60000-P", 60_000, expiry, OptionType.PUT);
        assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();
        fx.depositUsdc("maker", 0, 100_000);
        fx.depositUsdc("taker", 0, 100_000);
    }

    private BlockLeg option(final int series, final boolean makerBuys, final long size)
    {
        return new BlockLeg(series, makerBuys, size, blocks.optionMark(series));
    }

    private static BlockLeg perpetual(final boolean makerBuys, final long size, final long usd)
    {
        return new BlockLeg(BTC, makerBuys, size, usd * BTC_USD);
    }

    private void assertRefused(final SettleBlockTrade trade, final RejectReason reason, final String messagePart)
    {
        final byte[] root = fx.engine.stateRoot();
        final long makerBalance = fx.usdcBalance("maker", 0);
        final long takerBalance = fx.usdcBalance("taker", 0);
        assertThat(fx.apply(trade)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(reason);
        assertThat(fx.lastRejection().message()).contains(messagePart);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.usdcBalance("maker", 0)).isEqualTo(makerBalance);
        assertThat(fx.usdcBalance("taker", 0)).isEqualTo(takerBalance);
        assertThat(fx.events.events()).noneMatch(e -> e instanceof Event.BlockTradeSettled b &&
            b.sequence() == fx.engine.state().sequence());
    }

    @Test
    void shouldSettleACallSpreadPackageAsOneLegEventEachAndOnePackageEvent()
    {
        final long size = ONE_BTC_OPTION;
        final BlockLeg longLow = option(call60, true, size);
        final BlockLeg shortHigh = option(call70, false, size);
        final long feePool = fx.engine.state().feePool();
        final SettleBlockTrade trade = blocks.trade("maker", "taker", 2 * USDC, 3 * USDC, longLow, shortHigh);

        assertThat(fx.apply(trade)).as("%s", fx.lastRejection()).isTrue();

        assertThat(fx.position("maker", 0, call60)).isEqualTo(size);
        assertThat(fx.position("maker", 0, call70)).isEqualTo(-size);
        assertThat(fx.position("taker", 0, call60)).isEqualTo(-size);
        assertThat(fx.position("taker", 0, call70)).isEqualTo(size);
        // 1 BTC of each at its premium: the maker pays the low strike's and receives the high strike's.
        final long netPremium = (longLow.price() - shortHigh.price()) * USDC / BTC_USD;
        assertThat(fx.usdcBalance("maker", 0)).isEqualTo(100_000 * USDC - netPremium - 2 * USDC);
        assertThat(fx.usdcBalance("taker", 0)).isEqualTo(100_000 * USDC + netPremium - 3 * USDC);
        assertThat(fx.engine.state().feePool() - feePool).isEqualTo(5 * USDC);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();

        final long sequence = fx.engine.state().sequence();
        final List<Event.TradeSettled> legs = fx.events.events().stream()
            .filter(e -> e instanceof Event.TradeSettled t && t.sequence() == sequence)
            .map(Event.TradeSettled.class::cast).toList();
        assertThat(legs).extracting(Event.TradeSettled::marketId).containsExactly(call60, call70);
        assertThat(legs).extracting(Event.TradeSettled::takerIsBuy).containsExactly(false, true);
        final Event.BlockTradeSettled settled = (Event.BlockTradeSettled)fx.events.events()
            .get(fx.events.events().size() - 1);
        assertThat(settled.legs()).isEqualTo(2);
        assertThat(settled.makerFee()).isEqualTo(2 * USDC);
        assertThat(settled.takerFee()).isEqualTo(3 * USDC);
        assertThat(settled.packageDigest()).isEqualTo(io.novation.core.crypto.Hex.encode(
            trade.maker().digest(fx.engine.domainSeparator())));
    }

    @Test
    void shouldPassAHedgedPackageWhoseFirstLegAloneFailsMargin()
    {
        // The buyer holds 1 BTC long with little spare collateral; buying a call alone costs more than it has free,
        // closing the perpetual in the same package frees the margin that pays for it.
        fx.depositUsdc("hedger", 0, 3_300);
        assertThat(fx.tradeBtc("maker", "hedger", false, 10_000, 60_000)).as("%s", fx.lastRejection()).isTrue();
        final long callSize = 50 * OPTION_STEP;
        final long premium = blocks.optionMark(call60);
        final byte[] root = fx.engine.stateRoot();
        final SettleTrade callAlone = new SettleTrade(fx.tick(), call60,
            fx.optionOrder("maker", 0, call60, false, callSize, premium),
            fx.optionOrder("hedger", 0, call60, true, callSize, premium), callSize, premium);
        assertThat(fx.apply(callAlone)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        final SettleBlockTrade hedged = blocks.trade("maker", "hedger", 0, 0,
            new BlockLeg(call60, false, callSize, premium), perpetual(true, ONE_BTC, 60_000));

        assertThat(fx.apply(hedged)).as("%s", fx.lastRejection()).isTrue();
        assertThat(fx.position("hedger", 0, call60)).isEqualTo(callSize);
        assertThat(fx.position("hedger", 0, BTC)).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRefuseAPackageThatBreaksAPartysMarginAfterAllLegs()
    {
        fx.depositUsdc("poor", 0, 100);
        assertRefused(blocks.trade("maker", "poor", 0, 0, option(call60, false, ONE_BTC_OPTION),
            option(call70, false, ONE_BTC_OPTION)), RejectReason.INSUFFICIENT_MARGIN, "after all legs");
    }

    @Test
    void shouldRefuseAReplayedPackage()
    {
        final SettleBlockTrade trade = blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION));
        assertThat(fx.apply(trade)).isTrue();

        assertRefused(trade.withTime(fx.tick()), RejectReason.BLOCK_TRADE_FILLED, "already executed");
    }

    @Test
    void shouldRefuseAnExpiredPackageByTheEngineClock()
    {
        final SettleBlockTrade trade = blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION));
        fx.advance(BlockTrades.LIFETIME_MS);

        assertRefused(trade.withTime(fx.tick()), RejectReason.ORDER_EXPIRED, "package expired");
    }

    @Test
    void shouldRefuseATakerSignatureOverAnotherPackage()
    {
        final BlockPackage offer = blocks.offer("maker", 0, option(call60, true, ONE_BTC_OPTION));
        final BlockPackage other = blocks.offer("maker", 0, option(call60, true, 2 * ONE_BTC_OPTION));
        final BlockAcceptance acceptance = blocks.accept("taker", 0, other);

        assertRefused(new SettleBlockTrade(fx.tick(), offer, acceptance, 0, 0, null, 0, 0),
            RejectReason.BLOCK_TRADE_PACKAGE_MISMATCH, "accepted package");
    }

    @Test
    void shouldRefuseAnAcceptanceSignedByAnotherKey()
    {
        final BlockPackage offer = blocks.offer("maker", 0, option(call60, true, ONE_BTC_OPTION));
        final BlockAcceptance forged = new BlockAcceptance(address("taker"), 0,
            offer.digest(fx.engine.domainSeparator()), 0, 1, fx.now() + 1_000, null).withSignature(
            io.novation.core.crypto.Secp256k1.sign(new BlockAcceptance(address("taker"), 0,
                offer.digest(fx.engine.domainSeparator()), 0, 1, fx.now() + 1_000, null)
                .digest(fx.engine.domainSeparator()), EngineFixture.key("mallory")));

        assertRefused(new SettleBlockTrade(fx.tick(), offer, forged, 0, 0, null, 0, 0), RejectReason.BAD_SIGNATURE,
            "taker");
    }

    @Test
    void shouldRefuseAPackageWithoutLegs()
    {
        assertRefused(blocks.trade("maker", "taker", 0, 0), RejectReason.BLOCK_TRADE_LEGS, "not 0");
    }

    @Test
    void shouldRefuseAPackageOfTwentySixLegs()
    {
        final BlockLeg[] legs = new BlockLeg[26];
        Arrays.fill(legs, option(call60, true, ONE_BTC_OPTION));
        assertRefused(blocks.trade("maker", "taker", 0, 0, legs), RejectReason.BLOCK_TRADE_LEGS, "not 26");
    }

    @Test
    void shouldRefuseAPackageNamingOneInstrumentTwice()
    {
        assertRefused(blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            option(call60, false, ONE_BTC_OPTION)), RejectReason.BLOCK_TRADE_LEGS, "leg 1: ");
    }

    @Test
    void shouldRefuseALegInAHaltedMarketNamingIt()
    {
        assertThat(fx.apply(new SetMarketStatus(fx.tick(), BTC, MarketStatus.HALTED))).isTrue();
        assertRefused(blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            perpetual(true, ONE_BTC, 60_000)), RejectReason.MARKET_HALTED, "leg 1: ");
    }

    @Test
    void shouldRefuseALegInAnExpiredSeriesNamingIt()
    {
        final int shortDated = fx.createBtcOption("BTC-1D-60000-C", 60_000, fx.now() + DAY_MS, OptionType.CALL);
        assertThat(fx.flatBtcSurface(0.5, fx.now() + DAY_MS, expiry)).isTrue();
        final SettleBlockTrade trade = blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            new BlockLeg(shortDated, true, ONE_BTC_OPTION, blocks.optionMark(shortDated)));
        fx.advance(DAY_MS);
        assertThat(fx.btcPrice(60_000)).isTrue();
        assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();

        assertRefused(new SettleBlockTrade(fx.tick(), trade.maker(), trade.taker(), 0, 0, null, 0, 0),
            RejectReason.ORDER_EXPIRED, "expired");
        final SettleBlockTrade fresh = blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            new BlockLeg(shortDated, true, ONE_BTC_OPTION, 10_000));
        assertRefused(fresh, RejectReason.OPTION_EXPIRED, "leg 1: ");
    }

    @Test
    void shouldRefuseALegInASettledMarketNamingIt()
    {
        final long minute = 60_000L;
        final long settlementTime = (fx.now() + DAY_MS + 10 * minute) / minute * minute;
        assertThat(fx.apply(new io.novation.core.command.SettleMarket(fx.tick(), BTC, settlementTime))).isTrue();
        fx.advance(settlementTime - 40 * minute - fx.now());
        for (int i = 0; i < 8; i++)
        {
            fx.advance(i == 0 ? 0 : 5 * minute - 1);
            assertThat(fx.btcPrice(60_000)).isTrue();
        }
        fx.advance(settlementTime + minute - fx.now());
        assertThat(fx.apply(new io.novation.core.command.SettleMarket(fx.now(), BTC, settlementTime))).isTrue();
        assertThat(fx.btcPrice(60_000)).isTrue();
        assertThat(fx.flatBtcSurface(0.5, expiry)).isTrue();
        assertThat(fx.engine.state().markets().perpetual(BTC).isSettled()).isTrue();

        assertRefused(blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            perpetual(true, ONE_BTC, 60_000)), RejectReason.MARKET_SETTLED, "leg 1: ");
    }

    @Test
    void shouldRefuseAnUnknownInstrumentNamingTheLeg()
    {
        assertRefused(blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            new BlockLeg(999, true, ONE_BTC, 60_000 * BTC_USD)), RejectReason.UNKNOWN_MARKET, "leg 1: ");
    }

    @Test
    void shouldRefuseALegOffItsBandNamingIt()
    {
        // 5 % band around the 60,000 index: 63,100 is outside.
        assertRefused(blocks.trade("maker", "taker", 0, 0, option(put60, false, ONE_BTC_OPTION),
            perpetual(true, ONE_BTC, 63_100)), RejectReason.BLOCK_TRADE_OFF_BAND, "leg 1: ");
        final long mark = blocks.optionMark(call60);
        assertRefused(blocks.trade("maker", "taker", 0, 0, new BlockLeg(call60, true, ONE_BTC_OPTION, mark * 2)),
            RejectReason.BLOCK_TRADE_OFF_BAND, "leg 0: ");
        // Inside both edges passes.
        assertThat(fx.apply(blocks.trade("maker", "taker", 0, 0, perpetual(true, ONE_BTC, 62_900)))).isTrue();
    }

    @Test
    void shouldRefuseALegSizeOffItsStepNamingIt()
    {
        assertRefused(blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            option(call70, false, OPTION_STEP + 1)), RejectReason.OFF_STEP, "leg 1: ");
        assertRefused(blocks.trade("maker", "taker", 0, 0, option(call60, true, OPTION_STEP / 2)),
            RejectReason.OFF_STEP, "leg 0: ");
    }

    @Test
    void shouldRefuseFeesAboveEitherSidesMaximum()
    {
        final BlockPackage offer = blocks.offer("maker", USDC, option(call60, true, ONE_BTC_OPTION));
        final BlockAcceptance acceptance = blocks.accept("taker", USDC, offer, "broker", USDC / 2);
        assertRefused(new SettleBlockTrade(fx.tick(), offer, acceptance, USDC + 1, 0, address("broker"), 0,
            USDC / 2),
            RejectReason.BLOCK_TRADE_FEE_ABOVE_MAX, "maker fee");
        fx.depositUsdc("broker", 0, 1);
        assertRefused(new SettleBlockTrade(fx.tick(), offer, acceptance, 0, USDC / 2, address("broker"), 0,
            USDC / 2 + 1), RejectReason.BLOCK_TRADE_FEE_ABOVE_MAX, "taker and broker fees");

        assertThat(fx.apply(new SettleBlockTrade(fx.tick(), offer, acceptance, USDC, USDC / 2, address("broker"), 0,
            USDC / 2))).as("%s", fx.lastRejection()).isTrue();
        assertThat(fx.usdcBalance("broker", 0)).isEqualTo(1 * USDC + USDC / 2);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRefuseAPackageBelowTheMakersNonceFloor()
    {
        final SettleBlockTrade trade = blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION));
        assertThat(fx.apply(new SessionCommands(fx).floor("maker", "maker", 0, 1_000))).as("%s",
            fx.lastRejection()).isTrue();

        assertRefused(trade.withTime(fx.tick()), RejectReason.ORDER_CANCELLED, "maker");
    }

    @Test
    void shouldLeaveEveryPartyUntouchedWhenALaterLegFails()
    {
        final List<BlockLeg> legs = new ArrayList<>();
        legs.add(option(call60, true, ONE_BTC_OPTION));
        legs.add(option(call70, false, ONE_BTC_OPTION));
        legs.add(new BlockLeg(put60, true, ONE_BTC_OPTION, 1));
        assertRefused(blocks.trade("maker", "taker", 0, 0, legs.toArray(BlockLeg[]::new)),
            RejectReason.OFF_TICK, "leg 2: ");
        assertThat(fx.position("maker", 0, call60)).isZero();
        assertThat(fx.position("taker", 0, call70)).isZero();
    }

    @Test
    void shouldLeaveOpenInterestUnchangedWhenALaterLegsOpenInterestOverflows()
    {
        final io.novation.core.market.PerpetualMarket btc = fx.engine.state().markets().perpetual(BTC);
        btc.adjustOpenInterest(Long.MAX_VALUE - ONE_BTC + 1 - btc.openInterestBaseQuantums());
        final long perpetualOpenInterest = btc.openInterestBaseQuantums();
        final long optionOpenInterest = fx.engine.state().markets().option(call60).openInterestBaseQuantums();

        assertRefused(blocks.trade("maker", "taker", 0, 0, option(call60, true, ONE_BTC_OPTION),
            perpetual(true, ONE_BTC, 60_000)), RejectReason.OVERFLOW, "leg 1: ");

        assertThat(btc.openInterestBaseQuantums()).isEqualTo(perpetualOpenInterest);
        assertThat(fx.engine.state().markets().option(call60).openInterestBaseQuantums())
            .isEqualTo(optionOpenInterest);
        assertThat(fx.position("maker", 0, call60)).isZero();
    }

    @Test
    void shouldRefuseASubmissionThatChangesTheSignedBrokerOrRaisesItsFee()
    {
        fx.depositUsdc("broker", 0, 1);
        fx.depositUsdc("thief", 0, 1);
        final BlockPackage offer = blocks.offer("maker", 0, option(call60, true, ONE_BTC_OPTION));
        final BlockAcceptance unsigned = new BlockAcceptance(address("taker"), 0,
            offer.digest(fx.engine.domainSeparator()), 5 * USDC, address("broker"), 0, USDC, 77,
            fx.now() + BlockTrades.LIFETIME_MS, null);
        final BlockAcceptance signed = unsigned.withSignature(io.novation.core.crypto.Secp256k1.sign(
            unsigned.digest(fx.engine.domainSeparator()), EngineFixture.key("taker")));

        assertRefused(new SettleBlockTrade(fx.tick(), offer, signed, 0, 0, address("thief"), 0, USDC),
            RejectReason.BLOCK_TRADE_PACKAGE_MISMATCH, "broker");
        assertRefused(new SettleBlockTrade(fx.tick(), offer, signed, 0, 0, address("broker"), 0, 5 * USDC),
            RejectReason.BLOCK_TRADE_PACKAGE_MISMATCH, "broker");
        assertRefused(new SettleBlockTrade(fx.tick(), offer, signed, 0, 0, null, 0, 0),
            RejectReason.BLOCK_TRADE_PACKAGE_MISMATCH, "broker");
        final long thiefBalance = fx.usdcBalance("thief", 0);

        assertThat(fx.apply(new SettleBlockTrade(fx.tick(), offer, signed, 0, 0, address("broker"), 0, USDC)))
            .as("%s", fx.lastRejection()).isTrue();
        assertThat(fx.usdcBalance("broker", 0)).isEqualTo(2 * USDC);
        assertThat(fx.usdcBalance("thief", 0)).isEqualTo(thiefBalance);
    }

    @Test
    void shouldAcceptAPackageSignedByATradingSessionKeyAndRefuseOneOutOfScope()
    {
        final SessionCommands sessions = new SessionCommands(fx);
        assertThat(fx.apply(sessions.register("maker", "maker", "maker-trader", io.novation.core.account.SessionKey
            .TRADE, List.of(), DAY_MS))).as("%s", fx.lastRejection()).isTrue();
        assertThat(fx.apply(sessions.register("maker", "maker", "maker-canceller", io.novation.core.account
            .SessionKey.CANCEL, List.of(), DAY_MS))).as("%s", fx.lastRejection()).isTrue();
        final BlockLeg leg = option(call60, true, ONE_BTC_OPTION);
        final BlockPackage byCanceller = signedBy("maker-canceller", 900, leg);

        assertRefused(new SettleBlockTrade(fx.tick(), byCanceller, blocks.accept("taker", 0, byCanceller), 0, 0, null,
            0, 0), RejectReason.OUT_OF_SCOPE, "maker");

        final BlockPackage byTrader = signedBy("maker-trader", 901, leg);
        assertThat(fx.apply(new SettleBlockTrade(fx.tick(), byTrader, blocks.accept("taker", 0, byTrader), 0, 0,
            null, 0, 0))).as("%s", fx.lastRejection()).isTrue();
        assertThat(fx.position("maker", 0, call60)).isEqualTo(ONE_BTC_OPTION);
    }

    private BlockPackage signedBy(final String signer, final long nonce, final BlockLeg... legs)
    {
        final BlockPackage unsigned = new BlockPackage(address("maker"), 0, List.of(legs), 0, nonce,
            fx.now() + BlockTrades.LIFETIME_MS, null);
        return unsigned.withSignature(io.novation.core.crypto.Secp256k1.sign(
            unsigned.digest(fx.engine.domainSeparator()), EngineFixture.key(signer)));
    }
}
