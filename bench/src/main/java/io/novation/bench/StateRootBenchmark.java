package io.novation.bench;

import io.novation.core.command.Deposit;
import io.novation.core.engine.ClearingEngine;

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
 * Time to take the state root after a batch: 1,000,000 funded accounts (one position each), of which 10,000 random
 * ones receive a deposit before each measured call, so that each root rehashes 10,000 changed account leaves.
 * <p>
 * The fork runs with transparent huge pages for the heap, as the {@code novation} launcher does (measured 5 to 14 %
 * faster); where the kernel grants none the JVM warns and runs on small pages.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+IgnoreUnrecognizedVMOptions",
    "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class StateRootBenchmark
{
    @Param("1000000")
    public int accounts;

    @Param("10000")
    public int touched;

    private ClearingScenario scenario;
    private ClearingEngine engine;
    private final SplittableRandom random = new SplittableRandom(11);

    @Setup(Level.Trial)
    public void setUp()
    {
        scenario = ClearingScenario.build(accounts, 1, 10_000, 1_000, 42);
        engine = scenario.engine();
        engine.stateRoot();
    }

    @Setup(Level.Invocation)
    public void touchAccounts()
    {
        for (int i = 0; i < touched; i++)
        {
            final Deposit deposit = scenario.deposit(random.nextInt(accounts), ClearingScenario.USDC);
            scenario.require(deposit);
        }
    }

    /**
     * Commits the touched accounts and returns the root.
     *
     * @return 32 bytes.
     */
    @Benchmark
    public byte[] stateRoot()
    {
        return engine.stateRoot();
    }
}
