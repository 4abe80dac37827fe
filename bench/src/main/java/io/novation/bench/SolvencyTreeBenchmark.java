package io.novation.bench;

import io.novation.solvency.inclusion.InclusionProof;
import io.novation.solvency.poseidon.Fr;
import io.novation.solvency.poseidon.Poseidon;
import io.novation.solvency.tree.SolvencyLeaf;
import io.novation.solvency.tree.SolvencyLeaves;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
 * The solvency tree (docs/solvency.md): building a sealed batch's leaves (escape valuation, salt, leaf hash) and
 * tree from the state of {@code accounts} funded accounts with one perpetual position each (slices on the common
 * fork-join pool), a Poseidon hash of 2 and of 6 inputs, and checking an inclusion proof of depth 20 (whose JSON size
 * the setup prints).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SolvencyTreeBenchmark
{
    private static final SolvencySeed SEED = SolvencySeed.of(BigInteger.valueOf(0x5eed));
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final Poseidon two = new Poseidon(2);
    private final Poseidon six = new Poseidon(6);
    private final long[] inputs = new long[6 * Fr.LIMBS];
    private final long[] output = new long[Fr.LIMBS];

    /** The state of a batch with {@code accounts} accounts, copied as the node copies it on its engine thread. */
    @State(Scope.Benchmark)
    public static class Batch
    {
        @Param("1000000")
        public int accounts;

        private SolvencyLeaves.StateLeaves captured;

        @Setup(Level.Trial)
        public void setUp()
        {
            final ClearingScenario scenario = ClearingScenario.build(accounts, 1, 10_000, 1_000, 42);
            captured = SolvencyLeaves.capture(scenario.engine().state());
        }
    }

    /** An inclusion proof in a tree of 2^20 leaves (random siblings, the root they fold to). */
    @State(Scope.Benchmark)
    public static class Proof
    {
        private InclusionProof proof;

        @Setup(Level.Trial)
        public void setUp()
        {
            final SplittableRandom random = new SplittableRandom(7);
            final BigInteger[] siblings = new BigInteger[20];
            for (int i = 0; i < siblings.length; i++)
            {
                siblings[i] = new BigInteger(253, new java.util.Random(random.nextLong()));
            }
            final BigInteger key = BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE).shiftLeft(96);
            final SolvencyLeaf leaf = new SolvencyLeaf(key, SEED.salt(1, key), new long[] {9_000_000_000L, 0, 3, 0});
            final int index = random.nextInt(1 << 20);
            final BigInteger root = new InclusionProof(1, leaf, index, siblings, BigInteger.ZERO).foldedRoot();
            proof = new InclusionProof(1, leaf, index, siblings, root);
            for (int round = 0; round < 3; round++)
            {
                final long cpu = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < 200; i++)
                {
                    proof.check(root);
                }
                System.out.printf("%ninclusion proof check: %.0f us of this thread's CPU time%n",
                    (CPU.getCurrentThreadCpuTime() - cpu) / 1e3 / 200);
            }
            System.out.println("\ninclusion proof at depth 20 (2^20 accounts): " +
                proof.toJson().toString().getBytes(StandardCharsets.UTF_8).length + " bytes of JSON, 20 siblings of " +
                "32 bytes = 640 bytes of hashes");
        }
    }

    @Setup(Level.Trial)
    public void setUp()
    {
        for (int i = 0; i < 6; i++)
        {
            Fr.toMontgomery(BigInteger.valueOf(i + 1), inputs, i * Fr.LIMBS);
        }
        for (final Poseidon poseidon : new Poseidon[] {two, six, two, six})
        {
            final long cpu = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < 20_000; i++)
            {
                poseidon.hash(inputs, 0, output, 0);
            }
            System.out.printf("%nPoseidon of %d inputs: %.1f us of this thread's CPU time per hash%n",
                poseidon.inputs(), (CPU.getCurrentThreadCpuTime() - cpu) / 1e3 / 20_000);
        }
    }

    /**
     * Leaves (escape valuation of each account's state leaf, salt, leaf hash) and the tree, on the common fork-join
     * pool (run with {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=0} for one thread); a single
     * call is minutes long at a million accounts, so it is timed once after no warm-up (the JIT compiles the loops
     * on stack within the first seconds).
     *
     * @param batch the batch.
     * @return the root.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public BigInteger buildLeavesAndTree(final Batch batch)
    {
        final long cpu = CPU.getCurrentThreadCpuTime();
        final long processCpu = processCpuNanos();
        final long wall = System.nanoTime();
        final SolvencyTree tree = SolvencyTree.build(1, SolvencyLeaves.of(batch.captured, 1, null, SEED));
        System.out.printf("%nsolvency tree of %d accounts, depth %d: %.1f s wall, %.1f s of this thread's CPU time, "
            + "%.1f s of the process's (fork-join common pool parallelism %d)%n", tree.leafCount(), tree.depth(),
            (System.nanoTime() - wall) / 1e9, (CPU.getCurrentThreadCpuTime() - cpu) / 1e9,
            (processCpuNanos() - processCpu) / 1e9, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        return tree.root();
    }

    private static long processCpuNanos()
    {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ?
            os.getProcessCpuTime() : -1;
    }

    /**
     * One Poseidon of two inputs (a tree node).
     *
     * @return the output limbs.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public long[] poseidon2()
    {
        two.hash(inputs, 0, output, 0);
        return output;
    }

    /**
     * One Poseidon of six inputs (a leaf).
     *
     * @return the output limbs.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public long[] poseidon6()
    {
        six.hash(inputs, 0, output, 0);
        return output;
    }

    /**
     * Checks an inclusion proof against the published root, as {@code novation verify-solvency-inclusion} does.
     *
     * @param proof the proof.
     * @return null when it holds.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public String verifyInclusion(final Proof proof)
    {
        final String problem = proof.proof.check(proof.proof.root());
        if (problem != null)
        {
            throw new IllegalStateException(problem);
        }
        return problem;
    }
}
