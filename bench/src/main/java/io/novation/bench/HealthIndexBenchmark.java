package io.novation.bench;

import io.novation.core.liquidation.HealthIndex;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Oracle round to every newly liquidatable subaccount known: {@link HealthScenario} with 1,000,000 trader
 * subaccounts (leverage 2x to 50x, 90 % long, one in ten also in ETH), then one measured operation: an oracle round
 * that moves BTC by 10 % and the health index's refresh, after which the index knows exactly which subaccounts are
 * below maintenance. {@code crash} (60,000 to 54,000 USD) and {@code recover} (back up) start from an index that has
 * just checked every subaccount at the starting price ({@link HealthIndex#touchAll()} and a refresh, outside the
 * measurement), so every trigger is as the last check placed it. {@code crashRepeated} starts where the previous
 * invocation left the index, after the same two prices alternated: the state an index reaches when the market
 * swings back and forth over the same range. Single-shot time, one invocation per iteration.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class HealthIndexBenchmark
{
    /** BTC after a 10 % fall: 54,000 USD. */
    private static final long CRASH_PRICE = HealthScenario.BTC_PRICE / 10 * 9;

    @Param("1000000")
    public int traders;

    private HealthScenario scenario;
    private HealthIndex index;
    private long price;
    private int crashes;
    private int recoveries;
    private int repeats;
    private String crashFigures = "";
    private String recoverFigures = "";
    private String repeatFigures = "";

    @Setup(Level.Trial)
    public void setUp()
    {
        final long start = System.nanoTime();
        scenario = HealthScenario.build(traders, 42);
        final long built = System.nanoTime();
        index = scenario.engine().healthIndex();
        index.refresh();
        final long indexed = System.nanoTime();
        price = HealthScenario.BTC_PRICE;
        System.out.printf("%nsetup: %,d traders (%,d short in BTC, %,d also in ETH) and %d makers built in %.1f s; " +
            "first refresh checked %,d subaccounts in %.1f s; %,d below maintenance at 60,000 USD%n",
            scenario.traders(), scenario.shortTraders(), scenario.twoMarketTraders(), HealthScenario.MAKERS,
            (built - start) / 1e9, index.rechecksInLastRefresh(), (indexed - built) / 1e9, index.liquidatableCount());
    }

    /**
     * Puts BTC back at a price, outside the measurement, optionally has every subaccount checked there, and starts a
     * new newly-liquidatable period.
     */
    private void restore(final long target, final boolean checkAll)
    {
        if (price != target)
        {
            move(target);
        }
        if (checkAll)
        {
            index.touchAll();
            index.refresh();
        }
        index.clearNewlyLiquidatable();
    }

    private int move(final long target)
    {
        scenario.btcRound(target);
        index.refresh();
        price = target;
        return index.liquidatableCount();
    }

    private String figures()
    {
        return String.format("%,d below maintenance, %,d newly; %,d triggers visited, %,d flipped by their trigger " +
            "alone, %,d checked in full", index.liquidatableCount(), index.newlyLiquidatableCount(),
            index.triggersInLastRefresh(), index.flipsInLastRefresh(), index.rechecksInLastRefresh());
    }

    /** Starts each crash at 60,000 USD. */
    @State(Scope.Thread)
    public static class AtBase
    {
        @Setup(Level.Invocation)
        public void setUp(final HealthIndexBenchmark benchmark)
        {
            benchmark.restore(HealthScenario.BTC_PRICE, true);
        }

        @TearDown(Level.Invocation)
        public void tearDown(final HealthIndexBenchmark benchmark)
        {
            benchmark.crashes++;
            benchmark.crashFigures = benchmark.figures();
        }
    }

    /** Starts each recovery at 54,000 USD. */
    @State(Scope.Thread)
    public static class AtCrash
    {
        @Setup(Level.Invocation)
        public void setUp(final HealthIndexBenchmark benchmark)
        {
            benchmark.restore(CRASH_PRICE, true);
        }

        @TearDown(Level.Invocation)
        public void tearDown(final HealthIndexBenchmark benchmark)
        {
            benchmark.recoveries++;
            benchmark.recoverFigures = benchmark.figures();
        }
    }

    /** Starts each repeated crash at 60,000 USD, restored by a round and a refresh but without checking everyone. */
    @State(Scope.Thread)
    public static class AtBaseAgain
    {
        @Setup(Level.Invocation)
        public void setUp(final HealthIndexBenchmark benchmark)
        {
            benchmark.restore(HealthScenario.BTC_PRICE, false);
        }

        @TearDown(Level.Invocation)
        public void tearDown(final HealthIndexBenchmark benchmark)
        {
            benchmark.repeats++;
            benchmark.repeatFigures = benchmark.figures();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (repeats > 0)
        {
            System.out.printf("%nafter each repeated crash (%d): %s%n", repeats, repeatFigures);
        }
        if (crashes > 0)
        {
            System.out.printf("%nafter each crash (%d): %s%n", crashes, crashFigures);
        }
        if (recoveries > 0)
        {
            System.out.printf("%nafter each recovery (%d): %s%n", recoveries, recoverFigures);
        }
    }

    /**
     * BTC falls 10 %: the round, then the refresh.
     *
     * @param start puts BTC at 60,000 USD first.
     * @return subaccounts below maintenance.
     */
    @Benchmark
    public int crash(final AtBase start)
    {
        return move(CRASH_PRICE);
    }

    /**
     * BTC falls 10 % again, from an index adapted to the two prices: the round, then the refresh.
     *
     * @param start puts BTC back at 60,000 USD first.
     * @return subaccounts below maintenance.
     */
    @Benchmark
    public int crashRepeated(final AtBaseAgain start)
    {
        return move(CRASH_PRICE);
    }

    /**
     * BTC rises back 11.1 %: the round, then the refresh.
     *
     * @param start puts BTC at 54,000 USD first.
     * @return subaccounts below maintenance.
     */
    @Benchmark
    public int recover(final AtCrash start)
    {
        return move(HealthScenario.BTC_PRICE);
    }
}
