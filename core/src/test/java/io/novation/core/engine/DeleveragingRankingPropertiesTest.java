package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.event.EventSink;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.snapshot.SnapshotCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lazily ranked deleveraging plan is the full sort's plan: on random books (counterparties on both sides, in
 * profit and in loss, with positive, zero and negative net collateral, a second market moving their collateral, many
 * equal scores, several subaccounts per account, positions closed and reopened) {@link Deleveraging}, which takes
 * the market's holders from {@link io.novation.core.account.MarketHolders} and ranks them lazily, gives exactly the
 * offsets, in the same order, that {@link FullSortDeleveraging}, which walks every subaccount, scores every candidate
 * and sorts them all, gives.
 */
class DeleveragingRankingPropertiesTest
{
    private static final long USD = 1_000_000L;
    private static final long ONE_BTC = 100_000_000L;
    private static final long ONE_ETH = 1_000_000_000L;

    @Property(tries = 300)
    void shouldPlanTheSameOffsetsInTheSameOrderAsTheFullSortAndAfterASnapshotRestore(@ForAll final long seed)
    {
        final Random random = new Random(seed);
        final ClearingEngine engine = engine();
        final MarginCalculator margin = new MarginCalculator(engine.state().markets(), engine.state().oracles());
        final PerpetualMarket btc = engine.state().markets().perpetual(0);
        final long targetSize = (random.nextBoolean() ? 1 : -1) * ONE_BTC * (1 + random.nextInt(20));
        final Subaccount target = engine.state().accounts().findOrCreate(address(1)).subaccountOrCreate(0);
        target.setPosition(0, targetSize, targetSize / ONE_BTC * 50_000 * USD, 0);
        final int holders = 1 + random.nextInt(60);
        for (int h = 0; h < holders; h++)
        {
            // few distinct figures, so that equal scores (ties broken by creation order) are common
            final Subaccount holder = engine.state().accounts().findOrCreate(address(2 + random.nextInt(holders)))
                .subaccountOrCreate(random.nextInt(3));
            final long size = (random.nextInt(5) == 0 ? 1 : -1) * Long.signum(targetSize) * ONE_BTC / 4 *
                (1 + random.nextInt(8));
            final long cost = size / (ONE_BTC / 4) * (10_000 + 5_000 * random.nextInt(10)) / 4 * USD;
            holder.setPosition(0, size, cost, 0);
            holder.addBalance(0, (random.nextInt(9) - 4) * 20_000 * USD);
            if (random.nextInt(3) == 0)
            {
                holder.setPosition(1, (random.nextInt(5) - 2) * ONE_ETH, (random.nextInt(5) - 2) * 3_000 * USD, 0);
            }
        }
        // positions closing and reopening move the market's holders (swap-removal reorders them)
        for (int a = 2; a < 2 + holders; a++)
        {
            final Subaccount holder = engine.state().accounts().findOrCreate(address(a)).subaccountOrCreate(
                random.nextInt(3));
            if (random.nextInt(4) == 0)
            {
                holder.setPosition(0, 0, 0, 0);
                if (random.nextBoolean())
                {
                    holder.setPosition(0, -Long.signum(targetSize) * ONE_BTC / 4, -Long.signum(targetSize) *
                        (5_000 + 2_500 * random.nextInt(4)) * USD, 0);
                }
            }
        }
        final long size = Math.abs(targetSize) / (1 + random.nextInt(3));
        final long bankruptcyQuote = (targetSize > 0 ? 1 : -1) * size / ONE_BTC * (40_000 + random.nextInt(20_000)) *
            USD;

        final List<Deleveraging.Offset> lazy = new ArrayList<>();
        final List<Deleveraging.Offset> sorted = new ArrayList<>();
        final long lazyLeft = new Deleveraging(engine.state(), margin).plan(
            target, btc, targetSize, size, bankruptcyQuote, lazy);
        final long sortedLeft = new FullSortDeleveraging(engine.state(), margin).plan(
            target, btc, targetSize, size, bankruptcyQuote, sorted);

        Statistics.label("offsets in the plan").collect(Math.min(sorted.size(), 3));
        assertThat(lazy).containsExactlyElementsOf(sorted);
        assertThat(lazyLeft).isEqualTo(sortedLeft);

        // the holders are derived state: a restored snapshot rebuilds them and plans the same offsets
        final ClearingEngine restored = SnapshotCodec.read(SnapshotCodec.write(engine),
            EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        final List<Deleveraging.Offset> afterRestore = new ArrayList<>();
        final long restoredLeft = new Deleveraging(restored.state(), new MarginCalculator(
            restored.state().markets(), restored.state().oracles())).plan(
            restored.state().accounts().findOrCreate(address(1)).subaccountOrCreate(0),
            restored.state().markets().perpetual(0), targetSize, size, bankruptcyQuote, afterRestore);
        assertThat(afterRestore).extracting(DeleveragingRankingPropertiesTest::describe)
            .containsExactlyElementsOf(sorted.stream().map(DeleveragingRankingPropertiesTest::describe).toList());
        assertThat(restoredLeft).isEqualTo(sortedLeft);
    }

    private static String describe(final Deleveraging.Offset offset)
    {
        return offset.counterparty().account().owner() + "/" + offset.counterparty().number() + " " + offset.size() +
            " " + offset.targetQuote();
    }

    private static ClearingEngine engine()
    {
        final ClearingEngine engine = new ClearingEngine(
            EngineConfig.defaults().withSignatureMode(SignatureMode.TRUSTED), EventSink.NONE);
        final LiquidityTier tier = new LiquidityTier(0, "20/10", 200_000, 500_000, 0, 0, 0);
        engine.apply(new CreatePerpetual(1, 0, "BTC-USD", "BTC-USD", -5, -8, 1, 1, tier, 0, 0, MarketStatus.ACTIVE));
        engine.apply(new CreatePerpetual(1, 1, "ETH-USD", "ETH-USD", -6, -9, 1, 1, tier, 0, 0, MarketStatus.ACTIVE));
        final List<PriceReport> btc = new ArrayList<>();
        final List<PriceReport> eth = new ArrayList<>();
        for (int p = 0; p < 3; p++)
        {
            final Address publisher = address(97 + p);
            engine.apply(new RegisterOraclePublisher(1, 0, publisher));
            engine.apply(new RegisterOraclePublisher(1, 1, publisher));
            btc.add(new PriceReport(0, 50_000L * 100_000, 2, publisher, null));
            eth.add(new PriceReport(1, 3_000L * 1_000_000, 2, publisher, null));
        }
        assertThat(engine.apply(new OraclePrice(2, 0, btc))).isTrue();
        assertThat(engine.apply(new OraclePrice(2, 1, eth))).isTrue();
        return engine;
    }

    private static Address address(final int n)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        bytes[18] = (byte)(n >> 8);
        bytes[19] = (byte)n;
        return Address.of(bytes);
    }
}
