package io.novation.bench;

import io.novation.core.account.Address;
import io.novation.core.command.BlockAcceptance;
import io.novation.core.command.BlockLeg;
import io.novation.core.command.BlockPackage;
import io.novation.core.command.SettleBlockTrade;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.market.PerpetualMarket;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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
 * Block trades settled per second on one thread, signatures pre-verified (a trusted engine): funded accounts holding
 * positions in ten perpetuals (as {@link SettleTradeBenchmark}'s scenario) and, for each iteration, a fresh ring of
 * packages of {@link #legs} legs over distinct perpetuals at their oracle prices, each with its own nonces (a package
 * executes once), in mirrored pairs so that positions return where they were. One operation is one package, all its
 * legs and one margin check per party; the package digest is computed by the engine, as it is for every command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BlockTradeBenchmark
{
    @Param({"2", "4", "10"})
    public int legs;

    @Param("2000")
    public int accounts;

    /** Packages generated for each iteration: more than one iteration settles, so none is replayed. */
    @Param("400000")
    public int packagesPerIteration;

    private ClearingScenario scenario;
    private ClearingEngine engine;
    private SettleBlockTrade[] ring;
    private int cursor;
    private long nonce;
    private long seed = 11;
    private long totalAccepted;
    private long totalRejected;

    /** Accepted and rejected packages of one iteration, reported next to the throughput. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PackageCounters
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
        scenario = ClearingScenario.build(accounts, ClearingScenario.MARKETS, 1_000_000, 100, 42);
        engine = scenario.engine();
        final SettleBlockTrade[] first = packages(1_000);
        for (final SettleBlockTrade trade : first)
        {
            scenario.require(trade);
        }
    }

    @Setup(Level.Iteration)
    public void newRing()
    {
        ring = null;
        System.gc();
        ring = packages(packagesPerIteration);
        cursor = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        System.out.printf("%npackages measured and warmed: %,d accepted, %,d rejected%n", totalAccepted,
            totalRejected);
        if (totalRejected != 0)
        {
            throw new IllegalStateException(totalRejected + " packages were rejected: the figure is not a " +
                "settlement rate (raise packagesPerIteration)");
        }
    }

    /**
     * Settles one package.
     *
     * @param counters accepted and rejected packages.
     * @return whether it was accepted.
     */
    @Benchmark
    public boolean settle(final PackageCounters counters)
    {
        final SettleBlockTrade trade = ring[cursor];
        cursor = cursor + 1 == ring.length ? 0 : cursor + 1;
        final boolean accepted = engine.apply(trade);
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
        return accepted;
    }

    /** Mirrored pairs of packages: the second undoes the first's legs between the same two accounts. */
    private SettleBlockTrade[] packages(final int count)
    {
        final SplittableRandom random = new SplittableRandom(seed++);
        final SettleBlockTrade[] out = new SettleBlockTrade[count];
        final byte[] domain = engine.domainSeparator();
        for (int i = 0; i + 1 < count; i += 2)
        {
            final int maker = random.nextInt(scenario.accounts());
            int taker = random.nextInt(scenario.accounts());
            while (taker == maker)
            {
                taker = random.nextInt(scenario.accounts());
            }
            final int firstMarket = random.nextInt(ClearingScenario.MARKETS);
            final List<BlockLeg> forward = new ArrayList<>(legs);
            final List<BlockLeg> back = new ArrayList<>(legs);
            for (int l = 0; l < legs; l++)
            {
                final int market = (firstMarket + l) % ClearingScenario.MARKETS;
                final PerpetualMarket perpetual = engine.state().markets().perpetual(market);
                final long price = engine.state().oracles().price(perpetual.oracleId()) / perpetual.tickSize() *
                    perpetual.tickSize();
                final long size = (1 + random.nextInt(ClearingScenario.MAX_FILL_STEPS)) * perpetual.stepSize();
                final boolean makerBuys = random.nextBoolean();
                forward.add(new BlockLeg(market, makerBuys, size, price));
                back.add(new BlockLeg(market, !makerBuys, size, price));
            }
            out[i] = trade(scenario.owner(maker), scenario.owner(taker), forward, domain);
            out[i + 1] = trade(scenario.owner(maker), scenario.owner(taker), back, domain);
        }
        if (count % 2 == 1)
        {
            out[count - 1] = out[0];
        }
        return out;
    }

    private SettleBlockTrade trade(final Address maker, final Address taker, final List<BlockLeg> legs,
        final byte[] domain)
    {
        final BlockPackage offer = new BlockPackage(maker, 0, legs, 0, ++nonce, ClearingScenario.ORDER_EXPIRY, null);
        final BlockAcceptance acceptance = new BlockAcceptance(taker, 0, offer.digest(domain), 0, ++nonce,
            ClearingScenario.ORDER_EXPIRY, null);
        return new SettleBlockTrade(ClearingScenario.TIME, offer, acceptance, 0, 0, null, 0, 0);
    }
}
