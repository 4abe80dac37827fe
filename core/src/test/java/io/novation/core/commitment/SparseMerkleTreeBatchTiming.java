package io.novation.core.commitment;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Prints how long a root takes after 10 000 touched leaves of a 1 000 000-leaf tree, for each hasher: a measurement
 * to read, not a test. Run its {@code main} with the core module's test classpath.
 */
public final class SparseMerkleTreeBatchTiming
{
    private static final int LEAVES = 1_000_000;
    private static final int TOUCHED = 10_000;
    private static final int ROUNDS = 15;

    private SparseMerkleTreeBatchTiming()
    {
    }

    public static void main(final String[] args)
    {
        measure("Keccak-256", Keccak256Hasher.FACTORY);
        measure("SHA-256", Sha256Hasher.FACTORY);
    }

    private static void measure(final String name, final Supplier<Hasher> hashers)
    {
        final SplittableRandom random = new SplittableRandom(42);
        final byte[][] keys = new byte[LEAVES][];
        final byte[] data = new byte[64];
        final SparseMerkleTree tree = new SparseMerkleTree(hashers.get());

        final long buildStart = System.nanoTime();
        for (int i = 0; i < LEAVES; i++)
        {
            keys[i] = TreeContents.randomBytes(random, 32);
            fill(random, data);
            tree.update(keys[i], data);
        }
        tree.root();
        final long buildNanos = System.nanoTime() - buildStart;
        System.gc();
        final Runtime runtime = Runtime.getRuntime();
        final long usedBytes = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("%s: built %,d leaves in %d ms, heap in use %d MiB (keys array included)%n",
            name, LEAVES, buildNanos / 1_000_000, usedBytes >> 20);

        final long[] updateRoundsMicros = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            final long start = System.nanoTime();
            for (int i = 0; i < TOUCHED; i++)
            {
                fill(random, data);
                tree.update(keys[random.nextInt(LEAVES)], data);
            }
            tree.root();
            updateRoundsMicros[round] = (System.nanoTime() - start) / 1_000;
        }
        print(name, "10k updates of existing leaves + root", updateRoundsMicros);

        final long[] churnRoundsMicros = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            final long start = System.nanoTime();
            for (int i = 0; i < TOUCHED / 2; i++)
            {
                final int slot = random.nextInt(LEAVES);
                tree.delete(keys[slot]);
                keys[slot] = TreeContents.randomBytes(random, 32);
                fill(random, data);
                tree.update(keys[slot], data);
            }
            tree.root();
            churnRoundsMicros[round] = (System.nanoTime() - start) / 1_000;
        }
        print(name, "5k deletes + 5k inserts + root", churnRoundsMicros);
    }

    private static void print(final String name, final String what, final long[] roundsMicros)
    {
        final long[] sorted = roundsMicros.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: %s: first %.1f ms, median %.1f ms, best %.1f ms over %d rounds%n",
            name, what, roundsMicros[0] / 1000.0, sorted[sorted.length / 2] / 1000.0, sorted[0] / 1000.0,
            roundsMicros.length);
    }

    private static void fill(final SplittableRandom random, final byte[] data)
    {
        for (int i = 0; i < data.length; i += 8)
        {
            final long bits = random.nextLong();
            for (int j = 0; j < 8; j++)
            {
                data[i + j] = (byte)(bits >>> (j * 8));
            }
        }
    }
}
