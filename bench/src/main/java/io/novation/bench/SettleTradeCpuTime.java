package io.novation.bench;

import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Thread CPU nanoseconds per settled fill, beside the wall-clock nanoseconds, for the scenario and ring of
 * {@link SettleTradeBenchmark}: on a machine whose cores other processes share, the CPU time the settling thread
 * was actually given is the figure that stays comparable, where the wall-clock rate does not.
 * <p>
 * Usage: {@code java -cp benchmarks.jar io.novation.bench.SettleTradeCpuTime [accounts] [ringFills] [rounds]
 * [fillsPerRound] [passes] [batches]}; defaults 100,000 accounts, a ring of 1,000,000 fills, 10 rounds of 2,000,000
 * fills (the first three are warm-up), 10,000 passes, and batch 0: each fill applied alone. A batch of {@code n > 0}
 * has {@link ClearingEngine#prefetch} read the rows of the next {@code n} fills before they are applied in order;
 * {@code rD} reads ahead at a rolling distance, the fill {@code D} places on while each fill is applied, and
 * {@code rD/S} does so {@code S} fills at a time (the fills {@code D} to {@code D + S - 1} places on, then {@code S}
 * applied); a list such as {@code 0,16,r4} alternates the batch sizes round by round in the same run. Each round
 * prints its CPU and wall nanoseconds per fill; the last lines give the median of the measured rounds of each batch
 * size. It fails when any fill is rejected.
 */
public final class SettleTradeCpuTime
{
    private static final int WARM_UP_ROUNDS = 3;

    private SettleTradeCpuTime()
    {
    }

    /**
     * Runs the measurement.
     *
     * @param args accounts, ring fills, rounds, fills per round, passes (all optional).
     */
    public static void main(final String[] args)
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int ringFills = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        final int fillsPerRound = args.length > 3 ? Integer.parseInt(args[3]) : 2_000_000;
        final int passes = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        final String[] batches = args.length > 5 ? args[5].split(",") : new String[] {"0"};
        final ClearingScenario scenario = ClearingScenario.build(accounts, 5, 10_000, 1_000, 42);
        final ClearingEngine engine = scenario.engine();
        SettleTrade[] ring = scenario.fillRing(ringFills, passes, 7);
        for (final SettleTrade fill : ring)
        {
            scenario.require(fill);
        }
        engine.stateRoot();
        System.gc();
        ring = scenario.laidOutInOrder(ring);
        System.gc();

        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] cpuPerFill = new double[batches.length][rounds - WARM_UP_ROUNDS];
        final int[] measured = new int[batches.length];
        int cursor = 0;
        long rejected = 0;
        long prefetched = 0;
        for (int round = 0; round < rounds; round++)
        {
            final String mode = batches[round % batches.length];
            final boolean rolling = mode.startsWith("r");
            final String[] distanceAndStep = rolling ? mode.substring(1).split("/") : new String[0];
            final int batch = rolling ? 0 : Integer.parseInt(mode);
            final int distance = rolling ? Integer.parseInt(distanceAndStep[0]) : 0;
            final int step = rolling && distanceAndStep.length > 1 ? Integer.parseInt(distanceAndStep[1]) : 1;
            final long cpuStart = threads.getCurrentThreadCpuTime();
            final long wallStart = System.nanoTime();
            if (rolling)
            {
                // Reads ahead the fill `distance` places on while applying each one, `step` fills at a time.
                for (int i = 0; i < fillsPerRound; )
                {
                    for (int j = 0, at = (cursor + distance) % ring.length; j < step;
                        j++, at = at + 1 == ring.length ? 0 : at + 1)
                    {
                        prefetched += engine.prefetch(ring[at]);
                    }
                    for (int j = 0; j < step; j++, i++)
                    {
                        if (!engine.apply(ring[cursor]))
                        {
                            rejected++;
                        }
                        cursor = cursor + 1 == ring.length ? 0 : cursor + 1;
                    }
                }
            }
            for (int i = 0; !rolling && i < fillsPerRound; )
            {
                if (batch > 0)
                {
                    for (int j = 0, at = cursor; j < batch; j++, at = at + 1 == ring.length ? 0 : at + 1)
                    {
                        prefetched += engine.prefetch(ring[at]);
                    }
                }
                for (int j = 0, n = Math.max(batch, 1); j < n; j++, i++)
                {
                    if (!engine.apply(ring[cursor]))
                    {
                        rejected++;
                    }
                    cursor = cursor + 1 == ring.length ? 0 : cursor + 1;
                }
            }
            final double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / (double)fillsPerRound;
            final double wall = (System.nanoTime() - wallStart) / (double)fillsPerRound;
            System.out.printf("round %2d%s, batch %s: %7.1f ns CPU per fill (%,.0f fills per CPU second), " +
                "%7.1f ns wall%n", round, round < WARM_UP_ROUNDS ? " (warm-up)" : "", mode, cpu, 1e9 / cpu, wall);
            if (round >= WARM_UP_ROUNDS)
            {
                cpuPerFill[round % batches.length][measured[round % batches.length]++] = cpu;
            }
        }
        if (rejected != 0)
        {
            throw new IllegalStateException(rejected + " fills were rejected: the figure is not a settlement rate");
        }
        System.out.printf("(prefetched word %d)%n", prefetched);
        for (int b = 0; b < batches.length; b++)
        {
            final double[] sorted = Arrays.copyOf(cpuPerFill[b], measured[b]);
            Arrays.sort(sorted);
            final double median = sorted[sorted.length / 2];
            System.out.printf("accounts %,d, ring %,d, batch %s: median %.1f ns CPU per fill = %,.0f fills per CPU " +
                "second (measured rounds %.1f to %.1f)%n", accounts, ringFills, batches[b], median, 1e9 / median,
                sorted[0], sorted[sorted.length - 1]);
        }
    }
}
