package io.novation.cluster;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Figures for docs/benchmarks.md, run only with {@code -Dnovation.bench=true}: three member processes on loopback,
 * one client keeping requests in flight; replicated commands per second and request latency (sent to answered, µs)
 * for file sync levels 0 and 1, single commands and batches; then the leader is killed and the time until the first
 * command sent after the kill is answered is the failover time.
 */
@Tag("bench")
class ClusterBenchmark
{
    private static final int TRADERS = 100;
    private static final long WARMUP_MS = 5_000;
    private static final long MEASURE_MS = 10_000;

    @TempDir
    Path dir;

    @Test
    void shouldMeasureReplicatedThroughputLatencyAndFailover() throws Exception
    {
        assumeTrue(Boolean.getBoolean("novation.bench"), "run with -Dnovation.bench=true");
        final StringBuilder report = new StringBuilder();
        for (final String fileSync : new String[] {"1", "0"})
        {
            for (final int[] shape : new int[][] {{1, 16}, {100, 8}})
            {
                report.append(run(fileSync, shape[0], shape[1], shape[0] == 1)).append('\n');
            }
        }
        System.out.print(report);
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "novation-cluster-bench.txt"), report);
    }

    private String run(final String fileSync, final int commandsPerRequest, final int inFlight, final boolean failover)
        throws Exception
    {
        final Path runDir = Files.createTempDirectory(dir, "run");
        try (ClusterProcesses cluster = new ClusterProcesses(runDir, 3, List.of("--file-sync", fileSync,
            "--snapshot-every", "1000000"));
            ClusterClient client = cluster.startWithClient())
        {
            final Participants participants = new Participants(TRADERS);
            final ClusterLoad load = new ClusterLoad(client.gateway(), participants, TRADERS, commandsPerRequest,
                inFlight);
            load.sendAndWait(participants.genesis(System.currentTimeMillis()), 30_000);
            final long start = System.nanoTime();
            load.run(() -> System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(WARMUP_MS + MEASURE_MS));
            final long end = System.nanoTime();
            final long from = start + TimeUnit.MILLISECONDS.toNanos(WARMUP_MS);
            final long commands = ClusterLoad.countCommands(load.requests(), from, end);
            final long[] latency = ClusterLoad.latencyMicros(load.requests(), from, end, 0.5, 0.99, 0.999);
            String failoverText = "";
            if (failover)
            {
                final int leader = client.gateway().leaderMemberId();
                final long killedAt = System.nanoTime();
                cluster.kill(leader);
                load.run(() -> System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(6));
                load.drain(30_000);
                final long firstAnswer = load.requests().stream().filter(r -> r.sentNanos >= killedAt)
                    .mapToLong(r -> r.answeredNanos).filter(t -> t != 0).min().orElseThrow();
                final long leaderSeen = TimeUnit.NANOSECONDS.toMillis(firstAnswer - killedAt);
                assertThat(client.gateway().leaderMemberId()).isNotEqualTo(leader);
                failoverText = String.format(", failover (kill -9 of the leader to the first answer) %d ms",
                    leaderSeen);
            }
            else
            {
                load.drain(30_000);
            }
            return String.format("file sync %s, %d command(s) per request, %d requests in flight: %.0f commands/s, " +
                "request latency p50 %d µs, p99 %d µs, p99.9 %d µs%s", fileSync, commandsPerRequest, inFlight,
                commands * 1e9 / (end - from), latency[0], latency[1], latency[2], failoverText);
        }
    }
}
