package io.novation.bench;

import io.novation.core.account.Address;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Order;
import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.margin.OptionPositionMargin;
import io.novation.core.margin.strategy.StrategyMargin;
import io.novation.node.scenario.ScenarioRunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds for the standard margin of a subaccount holding {@link #legs} BTC option positions of one expiry
 * (docs/protocol.md, "Strategy margin"): {@code spreadBook}, the legs as call spreads (every pair margined at its
 * maximum loss), against {@code nakedBook}, as many short calls (nothing pairs, the pairing step finds no long and
 * stops); {@code pairingAlone}, the pairing step by itself on the spread book's legs; and one {@code settleTrade}
 * (signatures pre-verified, a mirrored pair of fills per two operations) of 0.01 BTC of a call by a subaccount holding
 * the spreads against one holding only that call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class StrategyMarginBenchmark
{
    private static final String START = "2025-12-25T00:00:00Z";
    private static final long ORDER_EXPIRY = 1_769_760_000_000L;
    private static final long PASSES = 1_000_000_000L;

    /** Option legs per subaccount (even: half long, half short in the spread book). */
    @Param({"2", "10", "20"})
    public int legs;

    private ClearingEngine engine;
    private MarginCalculator calculator;
    private Subaccount spread;
    private Subaccount naked;
    private final MarginFigures figures = new MarginFigures();
    private final StrategyMargin pairing = new StrategyMargin();
    private final long[][] spreadLegs = new long[64][];
    private SettleTrade[] spreadFills;
    private SettleTrade[] plainFills;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        final StringBuilder commands = new StringBuilder();
        commands.append("""
            {"type": "createPerpetual", "ticker": "BTC-USD", "oracle": "BTC-USD", "priceExponent": -5,
             "atomicResolution": -10, "tickSize": "1", "stepSize": "0.0001",
             "liquidityTier": {"name": "large-cap", "initialMargin": "0.05", "maintenanceFraction": "0.6"},
             "makerFee": "0", "takerFee": "0"},
            {"type": "registerOraclePublisher", "oracle": "BTC-USD", "publisher": "oracle-1"},
            {"type": "registerOraclePublisher", "oracle": "BTC-USD", "publisher": "oracle-2"},
            {"type": "registerOraclePublisher", "oracle": "BTC-USD", "publisher": "oracle-3"},
            {"type": "oraclePrice", "oracle": "BTC-USD", "price": "95000"},
            """);
        for (int i = 0; i < legs; i++)
        {
            commands.append("{\"type\": \"createOptionSeries\", \"ticker\": \"C").append(i)
                .append("\", \"oracle\": \"BTC-USD\", \"strike\": \"")
                .append(90_000 + 1_000 * i).append("\", \"expiry\": \"2026-01-30T08:00:00Z\", \"optionType\": \"call\", ")
                .append("\"atomicResolution\": -4, \"tickSize\": \"0.1\", \"stepSize\": \"0.01\", \"makerFee\": \"0\", ")
                .append("\"takerFee\": \"0\"},\n");
        }
        commands.append("""
            {"type": "oracleVolSurface", "oracle": "BTC-USD", "publisher": "oracle-1",
             "publishedAt": "2025-12-25T00:00:08Z", "slices": [
             {"expiry": "2026-01-30T08:00:00Z", "a": "0.02", "b": "0.04", "rho": "-0.3", "m": "0", "sigma": "0.12"}]},
            {"type": "oracleVolSurface", "oracle": "BTC-USD", "publisher": "oracle-2",
             "publishedAt": "2025-12-25T00:00:08Z", "slices": [
             {"expiry": "2026-01-30T08:00:00Z", "a": "0.02", "b": "0.04", "rho": "-0.3", "m": "0", "sigma": "0.12"}]},
            {"type": "oracleVolSurface", "oracle": "BTC-USD", "publisher": "oracle-3",
             "publishedAt": "2025-12-25T00:00:08Z", "slices": [
             {"expiry": "2026-01-30T08:00:00Z", "a": "0.02", "b": "0.04", "rho": "-0.3", "m": "0", "sigma": "0.12"}]},
            {"type": "deposit", "account": "alice", "asset": "USDC", "amount": "1000000"},
            {"type": "deposit", "account": "bob", "asset": "USDC", "amount": "100000000"},
            {"type": "deposit", "account": "carol", "asset": "USDC", "amount": "10000000"},
            {"type": "deposit", "account": "dave", "asset": "USDC", "amount": "1000000"},
            {"type": "deposit", "account": "eve", "asset": "USDC", "amount": "10000000"}""");
        for (int i = 0; i < legs; i++)
        {
            // Alice: long the lower strike of each pair, short the upper (call spreads); carol: short every call.
            final String side = i % 2 == 0 ? "buy" : "sell";
            trade(commands, i, "alice", side);
            trade(commands, i, "carol", "sell");
        }
        trade(commands, 0, "dave", "buy");
        final String scenario = "{\"config\": {\"trustedSignatures\": true}, \"startTime\": \"" + START + "\", " +
            "\"timeStepMillis\": 1000, \"accounts\": {" +
            "\"alice\": \"0x1111111111111111111111111111111111111111111111111111111111111111\", " +
            "\"bob\": \"0x2222222222222222222222222222222222222222222222222222222222222222\", " +
            "\"carol\": \"0x3333333333333333333333333333333333333333333333333333333333333333\", " +
            "\"dave\": \"0x4444444444444444444444444444444444444444444444444444444444444444\", " +
            "\"eve\": \"0x5555555555555555555555555555555555555555555555555555555555555555\", " +
            "\"oracle-1\": \"0x0a0000000000000000000000000000000000000000000000000000000000000a\", " +
            "\"oracle-2\": \"0x0b0000000000000000000000000000000000000000000000000000000000000b\", " +
            "\"oracle-3\": \"0x0c0000000000000000000000000000000000000000000000000000000000000c\"}, " +
            "\"commands\": [" + commands + "]}";
        final ScenarioRunner runner = new ScenarioRunner();
        final ObjectNode report = runner.run(scenario);
        if (report.get("rejectedCount").asInt() != 0)
        {
            throw new IllegalStateException("setup refused: " + report.get("events"));
        }
        engine = runner.engine();
        calculator = new MarginCalculator(engine.state().markets(), engine.state().oracles(),
            engine.state().volSurfaces());
        final Address alice = owner(report, "alice");
        // The counterparty of the measured fills holds nothing else, so that the fills cost what the trader's book does.
        final Address eve = owner(report, "eve");
        final Address dave = owner(report, "dave");
        spread = engine.state().accounts().find(alice).subaccount(0);
        naked = engine.state().accounts().find(owner(report, "carol")).subaccount(0);
        for (int i = 0; i < spread.positionCount(); i++)
        {
            final int id = spread.positionMarket(i);
            final var series = engine.state().markets().option(id);
            spreadLegs[i] = new long[] {id, series.strike(), spread.positionSize(i)};
        }
        final int series = spread.positionMarket(0);
        final long time = engine.state().time() + 1;
        spreadFills = mirrored(alice, eve, series, time, 1_000_000L);
        plainFills = mirrored(dave, eve, series, time, 2_000_000L);
        for (final SettleTrade fill : new SettleTrade[] {spreadFills[0], spreadFills[1], plainFills[0], plainFills[1]})
        {
            if (!engine.apply(fill))
            {
                throw new IllegalStateException("the engine refused the benchmark's fill " + fill);
            }
        }
        long nakedSum = 0;
        final OptionPositionMargin leg = new OptionPositionMargin();
        for (int i = 0; i < spread.positionCount(); i++)
        {
            calculator.options().position(engine.state().markets().option(spread.positionMarket(i)),
                spread.positionSize(i), leg);
            nakedSum += leg.initialRequirement();
        }
        calculator.compute(spread, figures);
        if (figures.initialMarginRequirement() >= nakedSum)
        {
            throw new IllegalStateException("the spread book is not paired");
        }
    }

    private SettleTrade[] mirrored(final Address trader, final Address counterparty, final int series, final long time,
        final long nonces)
    {
        // 0.01 BTC (100 base quantums) at 2,000.0 (20,000,000 at exponent −5 with 6 mark digits: price units).
        final long size = 100;
        final long price = 200_000_000L;
        final Order buy = order(trader, series, true, size, price, nonces + 1);
        final Order sellBack = order(trader, series, false, size, price, nonces + 2);
        final Order counterSell = order(counterparty, series, false, size, price, nonces + 3);
        final Order counterBuy = order(counterparty, series, true, size, price, nonces + 4);
        return new SettleTrade[] {
            new SettleTrade(time, series, counterSell, buy, size, price),
            new SettleTrade(time, series, counterBuy, sellBack, size, price)};
    }

    private Order order(final Address account, final int market, final boolean isBuy, final long size,
        final long price, final long nonce)
    {
        final Order order = Order.of(Address.of(account.toBytes()), 0, market, isBuy, size * PASSES, price, nonce,
            ORDER_EXPIRY, false, null);
        order.digest(engine.domainSeparator());
        return order;
    }

    private static void trade(final StringBuilder commands, final int series, final String account, final String side)
    {
        final String counter = side.equals("buy") ? "sell" : "buy";
        commands.append(",\n{\"type\": \"settleTrade\", \"market\": \"C").append(series)
            .append("\", \"size\": \"0.1\", \"price\": \"1000\", \"maker\": {\"account\": \"bob\", \"side\": \"")
            .append(counter).append("\", \"size\": \"0.1\", \"limitPrice\": \"1000\"}, \"taker\": {\"account\": \"")
            .append(account).append("\", \"side\": \"").append(side)
            .append("\", \"size\": \"0.1\", \"limitPrice\": \"1000\"}}");
    }

    private static Address owner(final JsonNode report, final String name)
    {
        for (final JsonNode account : report.get("accounts"))
        {
            if (name.equals(account.path("name").asText()))
            {
                return Address.parse(account.get("owner").asText());
            }
        }
        throw new IllegalStateException("no account " + name);
    }

    /**
     * Margin of the subaccount holding the legs as call spreads.
     *
     * @return its initial requirement, so that the work is used.
     */
    @Benchmark
    public long spreadBook()
    {
        calculator.compute(spread, figures);
        return figures.initialMarginRequirement();
    }

    /**
     * Margin of the subaccount holding as many short calls, none of which pairs.
     *
     * @return its initial requirement, so that the work is used.
     */
    @Benchmark
    public long nakedBook()
    {
        calculator.compute(naked, figures);
        return figures.initialMarginRequirement();
    }

    /**
     * The pairing step alone, on the spread book's legs with their figures given.
     *
     * @return the initial saving, so that the work is used.
     */
    @Benchmark
    public long pairingAlone()
    {
        pairing.reset();
        for (int i = 0; i < legs; i++)
        {
            final long[] leg = spreadLegs[i];
            pairing.add((int)leg[0], 0, -4, -5, 1_769_760_000_000L, true, leg[1], leg[2],
                leg[2] > 0 ? 100_000_000L : -100_000_000L, leg[2] > 0 ? 0 : 1_235_000_000L,
                leg[2] > 0 ? 0 : 855_000_000L);
        }
        pairing.compute();
        return pairing.initialSaving();
    }

    /**
     * One fill of 0.01 BTC of a call by the subaccount holding the spreads (alternately bought and sold back).
     *
     * @return whether it was accepted.
     */
    @Benchmark
    public boolean settleTradeWithSpreads()
    {
        return engine.apply(spreadFills[next++ & 1]);
    }

    /**
     * The same fill by a subaccount holding only that call.
     *
     * @return whether it was accepted.
     */
    @Benchmark
    public boolean settleTradeWithoutSpreads()
    {
        return engine.apply(plainFills[next++ & 1]);
    }
}
