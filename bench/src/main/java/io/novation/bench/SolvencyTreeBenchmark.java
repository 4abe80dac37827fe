package io.novation.bench;

import io.novation.core.crypto.Hex;
import io.novation.solvency.inclusion.InclusionProof;
import io.novation.solvency.poseidon.Fr;
import io.novation.solvency.poseidon.Poseidon;
import io.novation.solvency.tree.SolvencyLeaf;
import io.novation.solvency.tree.SolvencyLeaves;
import io.novation.solvency.tree.SolvencySeed;
import io.novation.solvency.tree.SolvencyTree;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * tree from the state of {@code accounts} funded accounts with one perpetual position each (one thread), a Poseidon
 * hash of 2 and of 6 inputs, and checking one account's inclusion proof (whose JSON size the setup prints).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class SolvencyTreeBenchmark
{
    @Param("1000000")
    public int accounts;

    private SolvencyLeaves.StateLeaves captured;
    private final SolvencySeed seed = SolvencySeed.of(BigInteger.valueOf(0x5eed));
    private InclusionProof proof;
    private BigInteger root;
    private final Poseidon two = new Poseidon(2);
    private final Poseidon six = new Poseidon(6);
    private final long[] inputs = new long[6 * Fr.LIMBS];
    private final long[] output = new long[Fr.LIMBS];

    @Setup(Level.Trial)
    public void setUp()
    {
        final ClearingScenario scenario = ClearingScenario.build(accounts, 1, 10_000, 1_000, 42);
        captured = SolvencyLeaves.capture(scenario.engine().state());
        final List<SolvencyLeaf> leaves = SolvencyLeaves.of(captured, 1, null, seed);
        final SolvencyTree tree = SolvencyTree.build(1, leaves);
        root = tree.root();
        proof = InclusionProof.of(tree, tree.leaves().get(accounts / 2).accountKey());
        System.out.println("\nsolvency tree of " + tree.leafCount() + " accounts: depth " + tree.depth() +
            ", inclusion proof " + proof.toJson().toString().getBytes(StandardCharsets.UTF_8).length +
            " bytes of JSON (" + tree.depth() + " siblings of 32 bytes = " + 32 * tree.depth() +
            " bytes of hashes), root " + Hex.encode(root.toByteArray()));
        for (int i = 0; i < 6; i++)
        {
            Fr.toMontgomery(BigInteger.valueOf(i + 1), inputs, i * Fr.LIMBS);
        }
    }

    /**
     * Leaves (escape valuation of each account's state leaf, salt, leaf hash) and the tree, one thread.
     *
     * @return the root.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public BigInteger buildLeavesAndTree()
    {
        return SolvencyTree.build(1, SolvencyLeaves.of(captured, 1, null, seed)).root();
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
     * @return null when it holds.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    public String verifyInclusion()
    {
        return proof.check(root);
    }
}
