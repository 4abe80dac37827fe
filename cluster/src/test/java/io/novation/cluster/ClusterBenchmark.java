package io.novation.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Figures for docs/benchmarks.md, run only with {@code -Dnovation.bench=true}: three member processes on loopback,
 * one client keeping requests in flight; replicated commands per second and request latency (sent to answered, µs)
 * for file sync levels 0 and 1, single commands and batches; then the leader is killed and the time until the first
 * command sent after the kill is answered is the failover time. For each row it also prints the CPU time per command
 * of each member JVM and of this one, by thread ({@link ThreadCpu}), over the measured window, and the CPU the
 * members use idle, before the load starts. {@code -Dnovation.bench.idle=backoff|sleep|busy} picks the members' idle
 * strategy.
 */
@Tag("bench")
class ClusterBenchmark
{
    private static final int TRADERS = 100;
    private static final long WARMUP_MS = Long.getLong("novation.bench.warmupMs", 5_000);
    private static final long MEASURE_MS = 10_000;
    private static final long IDLE_MS = 5_000;

    @TempDir
    Path dir;

    @Test
    void shouldMeasureReplicatedThroughputLatencyAndFailover() throws Exception
    {
        assumeTrue(Boolean.getBoolean("novation.bench"), "run with -Dnovation.bench=true");
        final StringBuilder report = new StringBuilder();
        // {batch requests (1: batching off), commands per request, requests in flight, failover}
        final int on = ClusterGateway.DEFAULT_BATCH_REQUESTS;
        final int[][] shapes = {{1, 1, 256, 0}, {on, 1, 256, 1}, {1, 100, 8, 0}, {on, 100, 8, 0}, {on, 100, 64, 0},
            {on, 1_000, 16, 0}, {on, 1, 1_024, 0}, {on, 1, 1, 0}};
        final String only = System.getProperty("novation.bench.shapes", "");
        for (int i = 0; i < shapes.length; i++)
        {
            if (only.isEmpty() || only.contains(Integer.toString(i)))
            {
                final String line = run("1", shapes[i][0], shapes[i][1], shapes[i][2], shapes[i][3] == 1);
                System.out.println(line);
                report.append(line).append('\n');
            }
        }
        System.out.print(report);
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "novation-cluster-bench.txt"), report);
    }

    private String run(final String fileSync, final int batchRequests, final int commandsPerRequest,
        final int inFlight, final boolean failover) throws Exception
    {
        final Path runDir = Files.createTempDirectory(dir, "run");
        try (ClusterProcesses cluster = new ClusterProcesses(runDir, 3, List.of("--file-sync", fileSync,
            "--snapshot-every", "20000", "--idle", System.getProperty("novation.bench.idle", "backoff")));
            ClusterClient client = cluster.startWithClient(batchRequests, ClusterGateway.DEFAULT_BATCH_BYTES))
        {
            final Participants participants = new Participants(TRADERS);
            final ClusterLoad load = new ClusterLoad(client.gateway(), participants, TRADERS, commandsPerRequest,
                inFlight);
            load.sendAndWait(participants.genesis(System.currentTimeMillis()), 30_000);
            final String idleText = idleCpu(cluster);
            final long start = System.nanoTime();
            load.run(() -> System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(WARMUP_MS));
            final int leaderAtStart = client.gateway().leaderMemberId();
            final JsonNode before = cluster.state(leaderAtStart);
            final long messagesBefore = client.gateway().messagesSent();
            final long[] pids = {cluster.pid(0), cluster.pid(1), cluster.pid(2), ProcessHandle.current().pid()};
            final List<Map<String, Long>> cpuBefore = new ArrayList<>();
            for (final long pid : pids)
            {
                cpuBefore.add(ThreadCpu.sample(pid));
            }
            load.run(() -> System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(WARMUP_MS + MEASURE_MS));
            final long end = System.nanoTime();
            dumpFlightRecordings(cluster);
            final List<Map<String, Long>> cpuUsed = new ArrayList<>();
            for (int i = 0; i < pids.length; i++)
            {
                cpuUsed.add(ThreadCpu.between(cpuBefore.get(i), ThreadCpu.sample(pids[i])));
            }
            final JsonNode after = cluster.state(leaderAtStart);
            final long messages = client.gateway().messagesSent() - messagesBefore;
            final String loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            final long from = start + TimeUnit.MILLISECONDS.toNanos(WARMUP_MS);
            final long commands = ClusterLoad.countCommands(load.requests(), from, end);
            final long requests = load.requests().stream().filter(r -> r.answeredNanos >= from &&
                r.answeredNanos <= end).count();
            final long[] latency = ClusterLoad.latencyMicros(load.requests(), from, end, 0.5, 0.99, 0.999);
            final long applied = after.get("sequence").asLong() - before.get("sequence").asLong();
            final double allocated = (after.get("cluster").get("serviceAllocatedBytes").asLong() -
                before.get("cluster").get("serviceAllocatedBytes").asLong()) / (double)Math.max(1, applied);
            final long snapshotNanos = after.get("cluster").get("lastSnapshotNanos").asLong();
            final String cpuText = cpuText(cpuUsed, leaderAtStart, commands, end - from);
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
                // The mark files of a killed member stay active for Aeron's liveness timeout.
                Thread.sleep(10_500);
                cluster.start(leader);
                cluster.awaitHealthy(leader, 90_000);
                final JsonNode restarted = cluster.state(leader).get("cluster");
                failoverText = String.format(", failover (kill -9 of the leader to the first answer) %d ms, the " +
                    "killed member loaded its snapshot in %.1f ms", leaderSeen,
                    restarted.get("restoreNanos").asLong() / 1e6);
            }
            else
            {
                load.drain(30_000);
            }
            return String.format("file sync %s, batching %s, %d command(s) per request, %d requests in flight: " +
                "%.0f commands/s, %.1f requests per ingress message, request latency p50 %d µs, p99 %d µs, p99.9 %d " +
                "µs; service thread %.0f bytes allocated per command; last snapshot written in %.1f ms; load " +
                "average %s%s; %s%n%s", fileSync, batchRequests == 1 ? "off" : "on (" + batchRequests + " requests)",
                commandsPerRequest, inFlight, commands * 1e9 / (end - from), (double)requests / Math.max(1, messages),
                latency[0], latency[1], latency[2], allocated, snapshotNanos / 1e6, loadAverage, failoverText, idleText,
                cpuText);
        }
    }

    /**
     * The CPU the three members use with no load (after the genesis, before the warm-up), over {@link #IDLE_MS}: what
     * the idle strategy costs a small machine when nothing happens.
     */
    private static String idleCpu(final ClusterProcesses cluster) throws InterruptedException
    {
        final long[] pids = {cluster.pid(0), cluster.pid(1), cluster.pid(2)};
        final List<Map<String, Long>> before = new ArrayList<>();
        for (final long pid : pids)
        {
            before.add(ThreadCpu.sample(pid));
        }
        final long from = System.nanoTime();
        Thread.sleep(IDLE_MS);
        long ms = 0;
        for (int i = 0; i < pids.length; i++)
        {
            ms += ThreadCpu.total(ThreadCpu.between(before.get(i), ThreadCpu.sample(pids[i])));
        }
        return String.format("idle, the three members used %.2f cores", ms * 1e6 / (System.nanoTime() - from));
    }

    /**
     * CPU per command of each process (µs of all its threads over the commands answered in the window), its busiest
     * threads, and the rate two free cores would give if nothing else ran: 2 s of CPU per second over the µs per
     * command of all four processes.
     */
    private static String cpuText(final List<Map<String, Long>> used, final int leader, final long commands,
        final long windowNanos)
    {
        final StringBuilder text = new StringBuilder();
        double totalMicros = 0;
        double compilerMicros = 0;
        for (int i = 0; i < used.size(); i++)
        {
            final Map<String, Long> threads = used.get(i);
            final long ms = ThreadCpu.total(threads);
            final double micros = ms * 1_000.0 / Math.max(1, commands);
            totalMicros += micros;
            compilerMicros += threads.entrySet().stream().filter(e -> e.getKey().contains("Compiler"))
                .mapToLong(Map.Entry::getValue).sum() * 1_000.0 / Math.max(1, commands);
            text.append(String.format("  %s: %.0f ms CPU in %.1f s = %.2f cores, %.2f µs per command; busiest:",
                i == 3 ? "client (test JVM)" : "member " + i + (i == leader ? " (leader)" : ""), (double)ms,
                windowNanos / 1e9, ms * 1e6 / windowNanos, micros));
            threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .forEach(e -> text.append(String.format(" %s %.2f µs", e.getKey(), e.getValue() * 1_000.0 /
                    Math.max(1, commands))));
            text.append('\n');
        }
        text.append(String.format("  all four processes: %.2f µs of CPU per command: %.0f commands/s on 2 free " +
            "cores; without the JIT compiler threads (still compiling members started for this row) %.2f µs: " +
            "%.0f commands/s",
            totalMicros, 2e6 / Math.max(1e-9, totalMicros), totalMicros - compilerMicros,
            2e6 / Math.max(1e-9, totalMicros - compilerMicros)));
        return text.toString();
    }

    /**
     * With {@code -Dnovation.bench.jfrDir=DIR} (and members started with a flight recording through
     * {@code -Dnovation.bench.memberJvm=-XX:StartFlightRecording}), dumps each member's recording at the end of the
     * measured window to DIR/member-N.jfr: the members are killed, not stopped, so they cannot dump on exit.
     */
    private static void dumpFlightRecordings(final ClusterProcesses cluster) throws Exception
    {
        final String jfrDir = System.getProperty("novation.bench.jfrDir", "");
        if (jfrDir.isEmpty())
        {
            return;
        }
        final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (int member = 0; member < 3; member++)
        {
            new ProcessBuilder(jcmd, Long.toString(cluster.pid(member)), "JFR.dump",
                "filename=" + Path.of(jfrDir, "member-" + member + ".jfr")).inheritIO().start().waitFor();
        }
    }
}
