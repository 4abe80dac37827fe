package io.novation.core.engine;

import io.novation.core.account.Subaccount;
import io.novation.core.command.FundingSample;
import io.novation.core.command.FundingTick;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.funding.FundingMath;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Funding through the engine: premium samples on their cadence, ticks that move the cumulative index, settlement
 * when a position is touched, zero-sum up to rounding that goes to the fee pool, and the refusals.
 */
class FundingEngineTest
{
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;

    private final EngineFixture fx = new EngineFixture();
    private long nonce;

    @BeforeEach
    void openLongAndShort()
    {
        assertThat(fx.depositUsdc("alice", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        assertThat(fx.tradeBtc("alice", "bob", true, 10_000, 60_000)).isTrue();
    }

    private MarketFunding btcFunding()
    {
        return fx.engine.state().markets().perpetual(BTC).funding();
    }

    /** Moves to the start of the next sampling minute (plus a few ms) and refreshes the BTC price. */
    private void nextMinute()
    {
        fx.advance(MINUTE - Math.floorMod(fx.now(), MINUTE));
        assertThat(fx.btcPrice(60_000)).isTrue();
    }

    private Event.FundingTicked sampleAnHourThenTick(final long impactBidUsd, final long impactAskUsd)
    {
        final long hour = Math.floorDiv(fx.now(), HOUR);
        while (Math.floorDiv(fx.now() + MINUTE, HOUR) == hour)
        {
            nextMinute();
            assertThat(fx.apply(new FundingSample(fx.tick(), BTC, impactBidUsd * BTC_USD, impactAskUsd * BTC_USD)))
                .isTrue();
        }
        nextMinute();
        assertThat(fx.apply(FundingTick.computed(fx.tick(), BTC))).isTrue();
        return (Event.FundingTicked)fx.events.events().stream()
            .filter(e -> e instanceof Event.FundingTicked).reduce((a, b) -> b).orElseThrow();
    }

    private long fundingPaidTo(final String name)
    {
        return fx.events.events().stream()
            .filter(e -> e instanceof Event.FundingPaid p && p.owner().equals(address(name)))
            .mapToLong(e -> ((Event.FundingPaid)e).amount()).sum();
    }

    @Test
    void shouldTurnAnHourOfPremiumSamplesIntoAClampedRateThatLongsPayShorts()
    {
        // Impact bid 0.1 % over the index: P = 0.1 %; I − P = −0.09 % is clamped to −0.05 %, so the rate is 0.05 %.
        final Event.FundingTicked tick = sampleAnHourThenTick(60_060, 60_120);

        assertThat(tick.rate8hPpb()).isEqualTo(500_000);
        assertThat(tick.indexDelta()).isEqualTo(FundingMath.indexDelta(500_000, tick.elapsedMs(),
            FundingParameters.RATE_PERIOD_MS, 60_000 * BTC_USD, -5, -10));
        // 0.05 % per 8 hours on $60,000 held about an hour: about $3.75 a BTC.
        assertThat(tick.indexDelta()).isBetween(375_000L, 376_000L);
        assertThat(btcFunding().cumulativeIndex()).isEqualTo(tick.indexDelta());

        final long aliceBefore = fx.usdcBalance("alice", 0);
        final long bobBefore = fx.usdcBalance("bob", 0);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, USDC, ++nonce))).isTrue();
        assertThat(fx.apply(fx.withdrawal("bob", 0, 0, USDC, ++nonce))).isTrue();

        final long owed = tick.indexDelta() * 10; // index × 1e10 base quantums / 1e9
        assertThat(fundingPaidTo("alice")).isEqualTo(-owed);
        assertThat(fundingPaidTo("bob")).isEqualTo(owed);
        assertThat(fx.usdcBalance("alice", 0)).isEqualTo(aliceBefore - owed - USDC);
        assertThat(fx.usdcBalance("bob", 0)).isEqualTo(bobBefore + owed - USDC);
        assertThat(btcFunding().ledger()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldPayInterestWhenNoPremiumIsSampled()
    {
        final Event.FundingTicked tick = sampleAnHourThenTick(0, 0);

        // No trade price differs from the index (the only trade was at 60,000), so P = 0 and the rate is I.
        assertThat(tick.rate8hPpb()).isEqualTo(FundingParameters.defaults().interestRate8hPpb());
    }

    @Test
    void shouldTakeThePremiumFromTheLastTradeWhenNoImpactPricesAreReported()
    {
        assertThat(fx.depositUsdc("carol", 0, 100_000)).isTrue();
        assertThat(fx.tradeBtc("carol", "bob", true, 1, 60_600)).isTrue();
        nextMinute();

        assertThat(fx.apply(new FundingSample(fx.tick(), BTC, 0, 0))).isTrue();

        final Event.FundingSampled sampled = (Event.FundingSampled)fx.events.last();
        assertThat(sampled.premiumPpb()).isEqualTo(10_000_000); // 1 %
    }

    @Test
    void shouldCountAccruedFundingInNetCollateralBeforeItSettles()
    {
        final MarginCalculator calculator = new MarginCalculator(fx.engine.state().markets(),
            fx.engine.state().oracles());
        final Subaccount alice = fx.engine.state().accounts().find(address("alice")).subaccount(0);
        final MarginFigures before = new MarginFigures();
        final MarginFigures after = new MarginFigures();
        calculator.compute(alice, before);

        final Event.FundingTicked tick = sampleAnHourThenTick(60_060, 60_120);
        calculator.compute(alice, after);

        assertThat(alice.positionFundingIndex(0)).isZero();
        assertThat(after.netCollateralInitial() - before.netCollateralInitial()).isEqualTo(-tick.indexDelta() * 10);
    }

    @Test
    void shouldSettleFundingWhenATradeTouchesThePositionAndRestartFromTheMarketIndex()
    {
        final Event.FundingTicked tick = sampleAnHourThenTick(60_060, 60_120);

        assertThat(fx.tradeBtc("alice", "bob", true, 5_000, 60_000)).isTrue();

        assertThat(fundingPaidTo("alice")).isEqualTo(-tick.indexDelta() * 10);
        final Subaccount alice = fx.engine.state().accounts().find(address("alice")).subaccount(0);
        assertThat(alice.positionFundingIndex(0)).isEqualTo(btcFunding().cumulativeIndex());
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldSettleFundingOnTransfer()
    {
        final Event.FundingTicked tick = sampleAnHourThenTick(60_060, 60_120);

        assertThat(fx.apply(fx.transfer("bob", 0, 1, 0, USDC, ++nonce))).isTrue();

        assertThat(fundingPaidTo("bob")).isEqualTo(tick.indexDelta() * 10);
        assertThat(btcFunding().ledger()).isEqualTo(-tick.indexDelta() * 10);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldSendTheRoundingResidueToTheFeePool()
    {
        // A ten-thousandth of a BTC each way: each settles index·1e6/1e9 quote quantums, a fraction in general.
        assertThat(fx.depositUsdc("carol", 0, 1_000)).isTrue();
        assertThat(fx.depositUsdc("dave", 0, 1_000)).isTrue();
        assertThat(fx.tradeBtc("carol", "dave", true, 1, 60_000)).isTrue();
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC,
            FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE)))).isTrue();
        nextMinute();
        fx.advance(HOUR);
        assertThat(fx.btcPrice(60_000)).isTrue();
        final long rate = 123_457;
        long time = fx.now() + 1;
        while (FundingMath.indexDelta(rate, time - btcFunding().lastTickTime(), FundingParameters.RATE_PERIOD_MS,
            60_000 * BTC_USD, -5, -10) % 1_000 == 0)
        {
            time++;
        }
        fx.advance(time - fx.now());
        assertThat(fx.apply(FundingTick.withRate(fx.now(), BTC, rate))).isTrue();
        final long feePoolBefore = fx.engine.state().feePool();

        assertThat(fx.apply(fx.withdrawal("carol", 0, 0, USDC, ++nonce))).isTrue();
        assertThat(fx.apply(fx.withdrawal("dave", 0, 0, USDC, ++nonce))).isTrue();

        final long carolPaid = -fundingPaidTo("carol");
        final long daveReceived = fundingPaidTo("dave");
        assertThat(carolPaid - daveReceived).isEqualTo(1);
        assertThat(fx.engine.state().feePool() - feePoolBefore).isEqualTo(1);
        assertThat(btcFunding().residueNanos()).isZero();
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    @Test
    void shouldRejectASecondSampleInTheSameSlotAndLeaveTheRoot()
    {
        nextMinute();
        assertThat(fx.apply(new FundingSample(fx.tick(), BTC, 0, 0))).isTrue();
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new FundingSample(fx.tick(), BTC, 0, 0))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.FUNDING_NOT_DUE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldRejectASecondTickInTheSameHour()
    {
        sampleAnHourThenTick(0, 0);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(FundingTick.computed(fx.tick(), BTC))).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.FUNDING_NOT_DUE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldRejectARateSentToASamplingMarketAndATickWithoutRateToAnExternalOne()
    {
        nextMinute();
        assertThat(fx.apply(FundingTick.withRate(fx.tick(), BTC, 100))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.FUNDING_MODE_MISMATCH);

        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC,
            FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE)))).isTrue();
        assertThat(fx.apply(FundingTick.computed(fx.tick(), BTC))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.FUNDING_MODE_MISMATCH);
        assertThat(fx.apply(new FundingSample(fx.tick(), BTC, 0, 0))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.FUNDING_MODE_MISMATCH);
    }

    @Test
    void shouldClampAnExternalRateToTheTierBound()
    {
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), BTC,
            FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE)))).isTrue();
        nextMinute();

        assertThat(fx.apply(FundingTick.withRate(fx.tick(), BTC, FundingParameters.PPB))).isTrue();

        // The fixture's large-cap tier: IMF 5 %, MF 60 % (MMF 3 %); 600 % of the 2 % spread is 12 %.
        final Event.FundingTicked tick = (Event.FundingTicked)fx.events.last();
        assertThat(tick.rate8hPpb()).isEqualTo(120_000_000);
    }

    @Test
    void shouldRejectFundingOnAStaleIndex()
    {
        fx.advance(10 * MINUTE);
        final byte[] root = fx.engine.stateRoot();

        assertThat(fx.apply(new FundingSample(fx.tick(), BTC, 0, 0))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_ORACLE);
        assertThat(fx.apply(FundingTick.computed(fx.tick(), BTC))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_ORACLE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
    }

    @Test
    void shouldRejectFundingOfAnUnknownMarket()
    {
        assertThat(fx.apply(FundingTick.computed(fx.tick(), 99))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_MARKET);
        assertThat(fx.apply(new FundingSample(fx.tick(), 99, 0, 0))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_MARKET);
    }

    @Test
    void shouldChangeTheRootWhenTheIndexMoves()
    {
        final byte[] before = fx.engine.stateRoot();
        sampleAnHourThenTick(60_060, 60_120);
        assertThat(fx.engine.stateRoot()).isNotEqualTo(before);
        assertThat(List.of(fx.engine.state().markets().perpetual(BTC).funding().lastRate8hPpb())).containsExactly(500_000L);
    }
}
