package io.novation.core.engine;

import io.novation.core.command.FillParts;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.event.Event;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settling a fill from its fields ({@link ClearingEngine#apply(long, int, Order, Order, long, long)}) is applying its
 * {@link SettleTrade}: over random fills (either side, self trades, unknown markets, missing orders, sizes off the
 * step or beyond the orders, prices off the tick, beyond a limit or large enough to overflow, times behind the
 * engine's) two engines from the same state give the same outcome and events at every step and the same root.
 */
class FillPartsPropertiesTest
{
    private static final String[] TRADERS = {"alice", "bob", "carol", "dave"};
    private static final Map<String, Long> OUTCOMES = new ConcurrentHashMap<>();

    @AfterContainer
    static void shouldHaveSettledAndRejectedFillsForEachReason()
    {
        // The property means something only if random fills settle and are rejected, overflow among the reasons.
        System.out.println("fills from parts by outcome: " + new TreeMap<>(OUTCOMES));
        assertThat(OUTCOMES.getOrDefault("APPLIED", 0L)).as("settled fills").isGreaterThan(30);
        assertThat(OUTCOMES).containsKeys("OVERFLOW", "TIME_NOT_MONOTONIC", "UNKNOWN_MARKET", "OFF_STEP", "OFF_TICK",
            "LIMIT_PRICE_VIOLATED", "SELF_TRADE", "INVALID_COMMAND");
    }

    /** One random fill: maker and taker indexes, side, market, size and price choices, time step. */
    record Fill(int maker, int taker, boolean makerBuys, int market, int sizeKind, long steps, int priceKind,
        long usd, int timeKind, boolean nullOrder)
    {
    }

    @Property(tries = 100)
    void shouldGiveTheSameOutcomeEventsAndRootAsTheRecord(@ForAll("fills") @Size(min = 1, max = 40)
        final List<Fill> fills)
    {
        final EngineFixture records = new EngineFixture(SignatureMode.TRUSTED);
        final EngineFixture parts = new EngineFixture(SignatureMode.TRUSTED);
        for (final String trader : TRADERS)
        {
            records.depositUsdc(trader, 0, 1_000_000);
            parts.depositUsdc(trader, 0, 1_000_000);
        }
        final FillParts held = new FillParts();
        for (final Fill fill : fills)
        {
            final long time = fill.timeKind() == 0 ? records.now() - 1 : records.advance(fill.timeKind());
            parts.advance(fill.timeKind() == 0 ? 0 : fill.timeKind());
            final long step = EngineFixture.ONE_BTC / 10_000;
            final long size = switch (fill.sizeKind())
            {
                case 0 -> fill.steps() * step + 1;
                case 1 -> Long.MAX_VALUE / 2 / step * step;
                default -> fill.steps() * step;
            };
            final long price = switch (fill.priceKind())
            {
                case 0 -> fill.usd() * EngineFixture.BTC_USD + 1;
                case 1 -> Long.MAX_VALUE / 8 / EngineFixture.BTC_USD * EngineFixture.BTC_USD;
                case 2 -> 61_000 * EngineFixture.BTC_USD;
                default -> fill.usd() * EngineFixture.BTC_USD;
            };
            // Limits of 60,000 and 30,000 USD: prices above the first break the buyer's, below the second the seller's.
            final long limit = fill.priceKind() == 1 ? price * 2 : 60_000 * EngineFixture.BTC_USD;
            final long orderSize = Math.max(100 * step, size);
            final Order maker = fill.nullOrder() ? null : records.order(TRADERS[fill.maker()], 0, EngineFixture.BTC,
                fill.makerBuys(), orderSize, fill.makerBuys() ? limit : limit / 2, false);
            final Order taker = records.order(TRADERS[fill.taker()], 0, EngineFixture.BTC, !fill.makerBuys(),
                orderSize, fill.makerBuys() ? limit / 2 : limit, false);
            final int market = fill.market();
            final int recordEvents = records.events.size();
            final int partEvents = parts.events.size();
            final boolean byRecord = records.engine.apply(new SettleTrade(time, market, maker, taker, size, price));
            final boolean byParts = parts.engine.apply(held.set(time, market, maker, taker, size, price));
            assertThat(byParts).as("outcome of %s", fill).isEqualTo(byRecord);
            final List<Event> recordOwn = records.events.events().subList(recordEvents, records.events.size());
            final List<Event> partOwn = parts.events.events().subList(partEvents, parts.events.size());
            assertThat(partOwn).as("events of %s", fill).containsExactlyElementsOf(recordOwn);
            OUTCOMES.merge(byRecord ? "APPLIED" : records.lastRejection().code().name(), 1L, Long::sum);
        }
        assertThat(parts.engine.state().sequence()).isEqualTo(records.engine.state().sequence());
        assertThat(parts.engine.stateRoot()).isEqualTo(records.engine.stateRoot());
    }

    @Provide
    Arbitrary<List<Fill>> fills()
    {
        final Arbitrary<Fill> fill = Combinators.combine(List.of(
            Arbitraries.longs().between(0, TRADERS.length - 1),
            Arbitraries.longs().between(0, TRADERS.length - 1),
            Arbitraries.longs().between(0, 1),
            Arbitraries.of(0L, 0L, 0L, 0L, 0L, 0L, 1L, 99L),
            Arbitraries.longs().between(0, 11),
            Arbitraries.longs().between(1, 150),
            Arbitraries.longs().between(0, 11),
            Arbitraries.longs().between(30_000, 60_000),
            Arbitraries.of(0L, 1L, 1L, 1L, 1L, 5L, 5L, 1_000L),
            Arbitraries.longs().between(0, 15))
        ).as(v -> new Fill((int)(long)v.get(0), (int)(long)v.get(1), v.get(2) == 1, (int)(long)v.get(3),
            (int)(long)v.get(4), v.get(5), (int)(long)v.get(6), v.get(7), (int)(long)v.get(8), v.get(9) == 0));
        return fill.list();
    }
}
