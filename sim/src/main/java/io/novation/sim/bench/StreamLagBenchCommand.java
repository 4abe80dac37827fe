package io.novation.sim.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code novation bench-stream}: the event stream's end-to-end lag (submission to arrival at a WebSocket client,
 * milliseconds) for a public and a private subscriber at a target rate of events per second.
 */
@Command(name = "bench-stream", mixinStandardHelpOptions = true,
    description = "Paced signed fills into a node in this JVM; print the lag percentiles of a public and a private " +
        "WebSocket subscriber.")
public final class StreamLagBenchCommand implements Callable<Integer>
{
    @Option(names = "--events-per-second", defaultValue = "10000",
        description = "Target events per second (default: ${DEFAULT-VALUE}).")
    private int eventsPerSecond;

    @Option(names = "--seconds", defaultValue = "30", description = "Load duration (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--batches-per-second", defaultValue = "100",
        description = "Batches submitted per second (default: ${DEFAULT-VALUE}).")
    private int batchesPerSecond;

    @Option(names = "--warmup-seconds", defaultValue = "5",
        description = "First seconds of the load whose events are not timed (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--data-root", defaultValue = "target/bench",
        description = "Where the node's temporary data directory goes (default: ${DEFAULT-VALUE}).")
    private Path dataRoot;

    @Override
    public Integer call() throws Exception
    {
        final StreamLagBench.Result r = StreamLagBench.run(eventsPerSecond, seconds, batchesPerSecond, warmupSeconds,
            dataRoot);
        System.out.print(table(r));
        return r.publicEvents() > 0 ? 0 : 1;
    }

    /**
     * @param r the figures.
     * @return a plain text table, lags in ms.
     */
    public static String table(final StreamLagBench.Result r)
    {
        return String.format(Locale.ROOT, "node events/s: target %d, achieved %.0f%n", r.targetEventsPerSecond(),
            r.eventsPerSecond()) +
            String.format(Locale.ROOT, "%-10s %10s %9s %9s %9s%n", "subscriber", "received", "lag50", "lag99",
                "lagMax") +
            String.format(Locale.ROOT, "%-10s %10d %9.2f %9.2f %9.2f%n", "public", r.publicEvents(),
                r.publicLagMillis()[0], r.publicLagMillis()[1], r.publicLagMillis()[2]) +
            String.format(Locale.ROOT, "%-10s %10d %9.2f %9.2f %9.2f%n", "private", r.privateEvents(),
                r.privateLagMillis()[0], r.privateLagMillis()[1], r.privateLagMillis()[2]);
    }
}
