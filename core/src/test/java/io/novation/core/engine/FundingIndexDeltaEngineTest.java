package io.novation.core.engine;

import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.FundingTick;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SetFundingParameters;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.Event;
import io.novation.core.funding.FundingMode;
import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.math.BigInteger;

import static io.novation.core.engine.EngineFixture.PUBLISHERS;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * dYdX v4's funding-index vectors ({@code x/perpetuals/funding/funding_test.go}, {@code TestGetFundingIndexDelta})
 * through the engine: a market with the vector's atomic resolution and price exponent, the vector's rate sent as
 * a {@code fundingTick} in the engine's units (ppb, milliseconds). The engine's index is in ppb of a quote quantum
 * per base quantum, dYdX's in ppm: nested truncations toward zero compose, so the engine's delta truncated to ppm is
 * dYdX's delta exactly.
 */
class FundingIndexDeltaEngineTest
{
    private static final int MARKET = 2;
    private static final int ORACLE = 2;
    private static final long PERIOD_MS = FundingParameters.RATE_PERIOD_MS;
    /** IMF 100 %, MMF 50 %: the engine's clamp (600 % of the spread, 300 % per 8 h) lets dYdX's −100.2 % through. */
    private static final LiquidityTier WIDE_TIER = new LiquidityTier(2, "wide", 1_000_000, 500_000, 0, 0, 0);

    private final EngineFixture fx = new EngineFixture();

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/dydx/funding-index-delta.csv")
    void shouldReproduceEveryDydxFundingIndexVectorThroughTheEngine(final String name, final int atomicResolution,
        final long price, final int priceExponent, final long rate8hPpm, final long seconds, final long expectedPpm)
    {
        openMarket(atomicResolution, priceExponent, 1, price);
        final long rate8hPpb = rate8hPpm * 1_000;

        final Event.FundingTicked tick = tickAfter(seconds * 1_000, rate8hPpb, price);

        assertThat(tick.rate8hPpb()).isEqualTo(rate8hPpb);
        assertThat(tick.indexDelta()).isEqualTo(exactDelta(rate8hPpb, seconds * 1_000, price, priceExponent,
            atomicResolution));
        assertThat(tick.indexDelta() / 1_000).isEqualTo(expectedPpm);
        assertThat(funding().cumulativeIndex()).isEqualTo(tick.indexDelta());
    }

    @Test
    void shouldChargeTwelvePercentOverEightHoursAtAtomicResolutionMinusSeven()
    {
        // BTC at 60,000 USD (exponent −5), base quantum 1e-7 BTC: rate × elapsed × price is about 2e25 at ppb and ms.
        final long price = 60_000L * 100_000L;
        openMarket(-7, -5, 1_000, price);
        final long rate = 120_000_000L; // 12 % per 8 hours, ppb
        assertThat(fx.depositUsdc("alice", 0, 100_000)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 100_000)).isTrue();
        final long size = 10_000_000L; // 1 BTC
        assertThat(fx.apply(new SettleTrade(fx.tick(), MARKET, fx.order("alice", 0, MARKET, true, size, price, false),
            fx.order("bob", 0, MARKET, false, size, price, false), size, price))).isTrue();

        final Event.FundingTicked tick = tickAfter(PERIOD_MS, rate, price);

        // 12 % of 60,000 USD per BTC: 7,200 USD per 1e7 base quantums, 720 quote quantums (7.2e11 ppb) each.
        assertThat(tick.indexDelta()).isEqualTo(720_000_000_000L);
        final long aliceBefore = fx.engine.state().accounts().find(address("alice")).subaccount(0).balance(0);
        final long bobBefore = fx.engine.state().accounts().find(address("bob")).subaccount(0).balance(0);
        assertThat(fx.apply(fx.withdrawal("alice", 0, 0, USDC, 1))).isTrue();
        assertThat(fx.apply(fx.withdrawal("bob", 0, 0, USDC, 2))).isTrue();
        final long alicePaid = aliceBefore - USDC -
            fx.engine.state().accounts().find(address("alice")).subaccount(0).balance(0);
        final long bobReceived = fx.engine.state().accounts().find(address("bob")).subaccount(0).balance(0) + USDC -
            bobBefore;
        // alice bought 1 BTC from bob: the long pays 7,200 USDC, the short receives it.
        assertThat(alicePaid).isEqualTo(7_200 * USDC);
        assertThat(bobReceived).isEqualTo(7_200 * USDC);
        assertThat(Conservation.holds(fx.engine.state())).isTrue();
    }

    private void openMarket(final int atomicResolution, final int priceExponent, final long stepSize,
        final long price)
    {
        assertThat(fx.apply(new CreatePerpetual(fx.tick(), MARKET, "VEC-USD", "VEC-USD", priceExponent,
            atomicResolution, 1, stepSize, WIDE_TIER, 0, 0, MarketStatus.ACTIVE))).isTrue();
        for (final String publisher : PUBLISHERS)
        {
            assertThat(fx.apply(new RegisterOraclePublisher(fx.tick(), ORACLE, address(publisher)))).isTrue();
        }
        assertThat(fx.apply(fx.priceRound(fx.tick(), ORACLE, price))).isTrue();
        assertThat(fx.apply(new SetFundingParameters(fx.tick(), MARKET,
            FundingParameters.defaults().withMode(FundingMode.EXTERNAL_RATE)))).isTrue();
    }

    private Event.FundingTicked tickAfter(final long elapsedMs, final long rate8hPpb, final long price)
    {
        final long at = funding().lastTickTime() + elapsedMs;
        fx.advance(at - 1 - fx.now());
        assertThat(fx.apply(fx.priceRound(fx.now(), ORACLE, price))).isTrue();
        fx.advance(1);
        assertThat(fx.apply(FundingTick.withRate(fx.now(), MARKET, rate8hPpb))).isTrue();
        assertThat(fx.events.events().get(fx.events.events().size() - 1)).isInstanceOf(Event.FundingTicked.class);
        return (Event.FundingTicked)fx.events.events().get(fx.events.events().size() - 1);
    }

    private MarketFunding funding()
    {
        return fx.engine.state().markets().perpetual(MARKET).funding();
    }

    /** trunc(rate · elapsed · price · 10^(priceExponent + atomicResolution + 6) / 8 h), exactly. */
    private static long exactDelta(final long rate, final long elapsedMs, final long price, final int priceExponent,
        final int atomicResolution)
    {
        final int e = priceExponent + atomicResolution + 6;
        BigInteger numerator = BigInteger.valueOf(rate).multiply(BigInteger.valueOf(elapsedMs))
            .multiply(BigInteger.valueOf(price));
        BigInteger denominator = BigInteger.valueOf(PERIOD_MS);
        if (e >= 0)
        {
            numerator = numerator.multiply(BigInteger.TEN.pow(e));
        }
        else
        {
            denominator = denominator.multiply(BigInteger.TEN.pow(-e));
        }
        return numerator.divide(denominator).longValueExact();
    }
}
