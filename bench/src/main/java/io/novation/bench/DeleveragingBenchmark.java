package io.novation.bench;

import io.novation.core.account.Subaccount;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.Deleveraging;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.market.PerpetualMarket;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Time to plan one auto-deleveraging (milliseconds per plan) in a market where {@link #accounts} subaccounts hold a
 * long position, each in profit by a different amount, against one bankrupt short that needs {@link #offsets}
 * counterparties. Planning changes nothing, so every operation plans the same deleveraging.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class DeleveragingBenchmark
{
    @Param("100000")
    public int accounts;

    /** Counterparties the plan takes (the bankrupt short is this many longs' sizes). */
    @Param("10")
    public int offsets;

    private Deleveraging deleveraging;
    private Subaccount target;
    private PerpetualMarket market;
    private long targetSize;
    private final List<Deleveraging.Offset> plan = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp()
    {
        final ClearingScenario scenario = ClearingScenario.build(accounts, 1, 10_000, 1, 42);
        final ClearingEngine engine = scenario.engine();
        market = engine.state().markets().perpetual(0);
        final MarginCalculator margin = new MarginCalculator(engine.state().markets(), engine.state().oracles());
        final SplittableRandom random = new SplittableRandom(11);
        final long step = 1_000_000L;
        for (int a = 0; a < accounts; a++)
        {
            final Subaccount subaccount =
                engine.state().accounts().findOrCreate(scenario.owner(a)).subaccountOrCreate(0);
            // long 1 unit of size, bought at a random discount to the mark: all in profit, all ranked differently
            subaccount.setPosition(market.id(), step, 1 + random.nextInt(1_000), 0);
        }
        target = engine.state().accounts().findOrCreate(scenario.owner(0)).subaccountOrCreate(1);
        target.setPosition(market.id(), -offsets * step, 0, 0);
        targetSize = -offsets * step;
        deleveraging = new Deleveraging(engine.state(), margin);
        if (plan() != 0 || plan.size() != offsets)
        {
            throw new IllegalStateException("the plan found " + plan.size() + " counterparties, not " + offsets);
        }
    }

    /**
     * Plans one deleveraging of the whole bankrupt short.
     *
     * @return base quantums left without a counterparty (0).
     */
    @Benchmark
    public long plan()
    {
        plan.clear();
        return deleveraging.plan(target, market, targetSize, -targetSize, 0, plan);
    }
}
