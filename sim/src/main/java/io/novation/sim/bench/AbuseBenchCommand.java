package io.novation.sim.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code novation bench-abuse}: a legitimate client's latency (health, state, signed deposits) while each abuse the
 * node is hardened against runs against a node in this JVM, printed as a table, then each figure against its
 * documented bound ({@link AbuseBench.Bounds#documented()}); exits 1 when a request was not answered 200 or a
 * figure is over.
 */
@Command(name = "bench-abuse", mixinStandardHelpOptions = true,
    description = "Run each abuse (slowloris, chunked flood, slow readers, non-reading subscriber, bad-signature " +
        "flood) against a node in this JVM and print a legitimate client's latency percentiles during each.")
public final class AbuseBenchCommand implements Callable<Integer>
{
    @Option(names = "--samples", defaultValue = "200",
        description = "Legitimate requests of each kind per abuse (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--warmup-ms", defaultValue = "3000",
        description = "How long each abuse runs before sampling (default: ${DEFAULT-VALUE}).")
    private long warmupMillis;

    @Option(names = "--slowloris", defaultValue = "300",
        description = "Slowloris connections (default: ${DEFAULT-VALUE}).")
    private int slowloris;

    @Option(names = "--chunked-clients", defaultValue = "4",
        description = "Chunked flood clients (default: ${DEFAULT-VALUE}).")
    private int chunkedClients;

    @Option(names = "--chunked-mb", defaultValue = "300",
        description = "MiB per chunked body, repeated while the abuse runs (default: ${DEFAULT-VALUE}).")
    private long chunkedMb;

    @Option(names = "--slow-readers", defaultValue = "20",
        description = "Non-reading sockets pipelining GETs (default: ${DEFAULT-VALUE}).")
    private int slowReaders;

    @Option(names = "--flood-batch", defaultValue = "1000",
        description = "Badly signed withdrawals per flood batch (default: ${DEFAULT-VALUE}).")
    private int floodBatch;

    @Option(names = "--data-root", defaultValue = "target/bench",
        description = "Where the node's temporary data directory goes (default: ${DEFAULT-VALUE}).")
    private Path dataRoot;

    @Override
    public Integer call() throws Exception
    {
        final List<AbuseBench.Result> results = AbuseBench.run(new AbuseBench.Settings(samples, warmupMillis,
            slowloris, chunkedClients, chunkedMb << 20, slowReaders, floodBatch, dataRoot), System.err);
        System.out.print(table(results));
        final AbuseBench.Bounds bounds = AbuseBench.Bounds.documented();
        System.out.print(verdicts(results, bounds));
        return results.stream().allMatch(r -> r.not200() == 0 && bounds.within(r)) ? 0 : 1;
    }

    /**
     * @param results the figures.
     * @return a plain text table, latencies in ms.
     */
    public static String table(final List<AbuseBench.Result> results)
    {
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "%-16s %9s %9s %9s %9s %9s %9s %6s %12s %10s%n", "abuse", "health50", "health99", "state50", "state99",
            "cmd50", "cmd99", "not200", "abuseUnits", "heapPeakMB"));
        for (final AbuseBench.Result r : results)
        {
            out.append(String.format(Locale.ROOT, "%-16s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %6d %12d %10d%n",
                r.abuse().name().toLowerCase(Locale.ROOT), q(r.health(), 0.5), q(r.health(), 0.99),
                q(r.state(), 0.5), q(r.state(), 0.99), q(r.command(), 0.5), q(r.command(), 0.99), r.not200(),
                r.abuseUnits(), r.heapPeakBytes() >> 20));
        }
        return out.toString();
    }

    /**
     * @param results the figures.
     * @param bounds  the documented bounds.
     * @return for each abuse and figure, whether it is within its bound.
     */
    public static String verdicts(final List<AbuseBench.Result> results, final AbuseBench.Bounds bounds)
    {
        final StringBuilder out = new StringBuilder("bounds of docs/operations.md section 13:\n");
        for (final AbuseBench.Result r : results)
        {
            for (final String verdict : bounds.verdicts(r))
            {
                out.append(String.format(Locale.ROOT, "%-16s %s%n", r.abuse().name().toLowerCase(Locale.ROOT),
                    verdict));
            }
        }
        return out.toString();
    }

    private static double q(final double[] sorted, final double quantile)
    {
        return AbuseBench.Result.quantile(sorted, quantile);
    }
}
