package io.novation.bench;

import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fills settled per second on one thread, signatures pre-verified: 100,000 funded accounts holding up to five
 * positions each in ten perpetuals, and a ring of pre-generated fills (orders with fresh nonces and their EIP-712
 * digests already computed) replayed through {@link ClearingEngine#apply}. One operation is one fill.
 * <p>
 * The ring is made of mirrored fills, so one pass leaves every position where it was, and each order is sized for
 * {@link #passes} fills, so the ring may wrap that many times before an order would be overfilled; the setup applies
 * the ring once and requires every fill to be accepted, and the counters {@code accepted} and {@code rejected} report
 * the fills of each iteration.
 * <p>
 * The fork runs with transparent huge pages for the heap ({@code -XX:+UseTransparentHugePages}): the rows a fill reads
 * lie on thousands of distinct 4 KiB pages, more than the core's TLB maps; where the kernel grants no huge pages the
 * JVM warns and runs on small pages, and a JVM without the option (not Linux) ignores it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-Xmn5g", "-XX:+IgnoreUnrecognizedVMOptions",
    "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class SettleTradeBenchmark
{
    /** Fills between two state roots in {@link #settleWithStateRoot(Blackhole)}. */
    public static final int FILLS_PER_ROOT = 1_000;
    /**
     * Fills whose rows {@link #settleBatch(FillCounters, Blackhole)} requests before applying them, as the node's
     * sequencer does: eight was at least as fast as sixteen in the runs measured (faster in two, level in two), and
     * rows requested further ahead than the group applied next no faster than none (docs/benchmarks.md).
     */
    public static final int BATCH = 8;

    @Param("100000")
    public int accounts;

    @Param("5")
    public int positionsPerAccount;

    @Param("1000000")
    public int ringFills;

    /**
     * How many times the ring may be applied before an order would be overfilled: raise it with a small ring (a
     * ring of 1,000 fills at 2 M fills/s wraps 10,000 times in 5 seconds).
     */
    @Param("10000")
    public int passes;

    private ClearingEngine engine;
    private SettleTrade[] ring;
    private int cursor;
    private long totalAccepted;
    private long totalRejected;

    /**
     * Accepted and rejected fills of one iteration, reported next to the throughput.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FillCounters
    {
        public long accepted;
        public long rejected;

        @Setup(Level.Iteration)
        public void reset()
        {
            accepted = 0;
            rejected = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp()
    {
        final ClearingScenario scenario = ClearingScenario.build(accounts, positionsPerAccount, 10_000, 1_000, 42);
        engine = scenario.engine();
        ring = scenario.fillRing(ringFills, passes, 7);
        final long sequenceBefore = engine.state().sequence();
        for (final SettleTrade fill : ring)
        {
            scenario.require(fill);
        }
        final long applied = engine.state().sequence() - sequenceBefore;
        if (applied != ring.length)
        {
            throw new IllegalStateException("the first pass applied " + applied + " of " + ring.length + " fills");
        }
        engine.stateRoot();
        // Lay the ring out in order in an emptied young generation large enough to take the copy without a
        // collection, then let a full collection (which slides objects, keeping their order) compact it.
        System.gc();
        ring = scenario.laidOutInOrder(ring);
        System.gc();
        cursor = 0;
        System.out.printf("%nsetup: %,d accounts, %,d fills in the ring, all accepted in a first pass; " +
            "fill book holds %,d orders%n", accounts, ring.length, engine.state().fills().size());
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long total = totalAccepted + totalRejected;
        System.out.printf("%nfills measured and warmed: %,d accepted, %,d rejected (acceptance %.4f %%)%n",
            totalAccepted, totalRejected, total == 0 ? 0.0 : 100.0 * totalAccepted / total);
        if (totalRejected != 0)
        {
            throw new IllegalStateException(totalRejected + " fills were rejected: the figure is not a settlement rate");
        }
    }

    /**
     * Settles one fill.
     *
     * @param counters accepted and rejected fills.
     * @return whether the fill was accepted.
     */
    @Benchmark
    public boolean settle(final FillCounters counters)
    {
        final boolean accepted = engine.apply(next());
        count(accepted, counters);
        return accepted;
    }

    /**
     * Settles {@link #BATCH} fills as a sequencer batch: {@link ClearingEngine#prefetch} requests every fill's rows
     * first, so that their cache misses overlap, then the fills are applied in order. One operation is one fill.
     *
     * @param counters  accepted and rejected fills.
     * @param blackhole sinks the prefetched words.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void settleBatch(final FillCounters counters, final Blackhole blackhole)
    {
        long prefetched = 0;
        for (int i = 0, at = cursor; i < BATCH; i++, at = at + 1 == ring.length ? 0 : at + 1)
        {
            prefetched += engine.prefetch(ring[at]);
        }
        blackhole.consume(prefetched);
        for (int i = 0; i < BATCH; i++)
        {
            count(engine.apply(next()), counters);
        }
    }

    /**
     * Settles {@link #FILLS_PER_ROOT} fills and then takes the state root, which commits the changed account and
     * order-fill leaves.
     *
     * @param counters  accepted and rejected fills.
     * @param blackhole sinks the root.
     */
    @Benchmark
    @OperationsPerInvocation(FILLS_PER_ROOT)
    public void settleWithStateRoot(final FillCounters counters, final Blackhole blackhole)
    {
        for (int i = 0; i < FILLS_PER_ROOT; i++)
        {
            count(engine.apply(next()), counters);
        }
        blackhole.consume(engine.stateRoot());
    }

    private SettleTrade next()
    {
        final SettleTrade fill = ring[cursor];
        cursor = cursor + 1 == ring.length ? 0 : cursor + 1;
        return fill;
    }

    private void count(final boolean accepted, final FillCounters counters)
    {
        if (accepted)
        {
            counters.accepted++;
            totalAccepted++;
        }
        else
        {
            counters.rejected++;
            totalRejected++;
        }
    }
}
