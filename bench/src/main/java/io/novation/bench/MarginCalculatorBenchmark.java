package io.novation.bench;

import io.novation.core.account.Subaccount;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds to compute the margin figures of one cross subaccount holding five perpetual positions, with its
 * state in cache: the computation a fill runs four times (before and after, for each party).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class MarginCalculatorBenchmark
{
    private MarginCalculator calculator;
    private Subaccount subaccount;
    private int market;
    private long resized;
    private final MarginFigures figures = new MarginFigures();

    @Setup(Level.Trial)
    public void setUp()
    {
        final ClearingScenario scenario = ClearingScenario.build(1_000, 5, 10_000, 1_000, 42);
        calculator = new MarginCalculator(
            scenario.engine().state().markets(), scenario.engine().state().oracles());
        subaccount = scenario.engine().state().accounts().find(scenario.owner(0)).subaccount(0);
        market = subaccount.positionMarket(2);
        resized = subaccount.positionSize(2) + scenario.engine().state().markets().perpetual(market).stepSize();
    }

    /**
     * Margin figures as the subaccount stands.
     *
     * @return the net collateral, so that the work is used.
     */
    @Benchmark
    public long current()
    {
        calculator.compute(subaccount, figures);
        return figures.netCollateralInitial();
    }

    /**
     * Margin figures with one position resized and the quote balance changed, as after a fill.
     *
     * @return the net collateral, so that the work is used.
     */
    @Benchmark
    public long afterFill()
    {
        calculator.compute(subaccount, market, resized, 1_000_000, 0, -1_000, false, figures);
        return figures.netCollateralInitial();
    }
}
