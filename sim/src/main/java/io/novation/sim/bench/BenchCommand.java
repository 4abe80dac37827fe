package io.novation.sim.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.node.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code novation bench}: whole-node load runs, in process, over HTTP and over the binary feed, beside the signature
 * bound measured in the same run ({@link SignatureBound}), printed as JSON (fills per second, each transport's share
 * of the bound; batch latency in milliseconds).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run whole-node load: pre-signed fills sent in batches to a node in this JVM, in process, over " +
        "HTTP and over the binary feed, and the signature bound measured in the same run. Prints fills per second, " +
        "each transport's share of the bound and batch latency percentiles as JSON.")
public final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--transport", defaultValue = "all",
        description = "in-process, http, feed or all (default: ${DEFAULT-VALUE}).")
    private String transport;

    @Option(names = "--commands", defaultValue = "100000", description = "Fills per run (default: ${DEFAULT-VALUE}).")
    private int commands;

    @Option(names = "--batch", defaultValue = "1000", description = "Fills per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--clients", defaultValue = "1", description = "Client threads (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--fills-per-order", defaultValue = "1",
        description = "Fills of each signed order; 1 gives every fill two new signatures (default: ${DEFAULT-VALUE}).")
    private int fillsPerOrder;

    @Option(names = "--bound-millis", defaultValue = "3000",
        description = "Milliseconds of signature recoveries measured for the bound, before and after the runs, each " +
            "after as long a warm-up (default: ${DEFAULT-VALUE}).")
    private long boundMillis;

    @Option(names = "--warmup", defaultValue = "0",
        description = "Fills sent to each node the same way before its measured run, so that the JIT has compiled " +
            "the path (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--history-db", defaultValue = "sqlite",
        description = "The nodes' history: sqlite (the node's default, a database in its data directory followed by " +
            "the history thread) or none (novation node --history-db none, a matching-engine deployment) " +
            "(default: ${DEFAULT-VALUE}).")
    private String historyDb;

    @Option(names = "--data-root", defaultValue = "target/bench",
        description = "Where the nodes' temporary data directories go (default: ${DEFAULT-VALUE}).")
    private Path dataRoot;

    @Override
    public Integer call() throws Exception
    {
        final List<WholeNodeBench.Transport> transports = switch (transport)
        {
            case "in-process" -> List.of(WholeNodeBench.Transport.IN_PROCESS);
            case "http" -> List.of(WholeNodeBench.Transport.HTTP);
            case "feed" -> List.of(WholeNodeBench.Transport.FEED);
            case "all" -> List.of(WholeNodeBench.Transport.IN_PROCESS, WholeNodeBench.Transport.HTTP,
                WholeNodeBench.Transport.FEED);
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--transport must be in-process, http, feed or all");
        };
        if (warmup < 0)
        {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--warmup must not be negative");
        }
        if (fillsPerOrder < 1)
        {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--fills-per-order must be at least 1");
        }
        if (!"sqlite".equals(historyDb) && !"none".equals(historyDb))
        {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--history-db must be sqlite or none");
        }
        final boolean history = "sqlite".equals(historyDb);
        final ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("historyDb", historyDb).put("warmupFills", warmup);
        // The bound is measured before and after the runs (the JIT warm, and the machine's other load sampled
        // twice), and the higher of the two is the one each transport is compared with.
        final SignatureBound before = SignatureBound.measure(fillsPerOrder, boundMillis, boundMillis);
        final List<WholeNodeBench.Result> runs = new java.util.ArrayList<>();
        for (final WholeNodeBench.Transport each : transports)
        {
            runs.add(WholeNodeBench.run(each, commands, batch, clients, fillsPerOrder, dataRoot, history, warmup));
        }
        final SignatureBound after = SignatureBound.measure(fillsPerOrder, Math.min(1_000, boundMillis), boundMillis);
        final SignatureBound bound = before.fillsPerSecond() >= after.fillsPerSecond() ? before : after;
        final ObjectNode boundJson = report.putObject("signatureBound");
        boundJson.put("path", bound.path()).put("cores", bound.cores()).put("signaturesPerFill", bound.signaturesPerFill())
            .put("recoveriesPerSecondPerCoreBefore", Math.round(before.recoveriesPerSecondPerCore()))
            .put("recoveriesPerSecondPerCoreAfter", Math.round(after.recoveriesPerSecondPerCore()))
            .put("fillsPerSecond", Math.round(bound.fillsPerSecond()))
            .put("cpuMicrosPerRecovery", round(Math.min(before.cpuMicrosPerRecovery(), after.cpuMicrosPerRecovery())));
        // The CPU share compares with the cheaper recovery of the two measurements (the JIT warmer, fewer switches).
        final SignatureBound cheaper = before.cpuMicrosPerRecovery() > 0 && (after.cpuMicrosPerRecovery() <= 0 ||
            before.cpuMicrosPerRecovery() <= after.cpuMicrosPerRecovery()) ? before : after;
        final ArrayNode results = report.putArray("runs");
        for (final WholeNodeBench.Result result : runs)
        {
            final WholeNodeBench.Transport each = result.transport();
            final ObjectNode json = results.addObject();
            json.put("transport", name(each));
            json.put("commands", result.commands()).put("batch", result.batchSize()).put("clients", result.clients())
                .put("fillsPerOrder", fillsPerOrder);
            json.put("seconds", round(result.seconds())).put("commandsPerSecond", Math.round(result.perSecond()));
            json.put("shareOfSignatureBound", round(result.perSecond() / bound.fillsPerSecond()));
            json.putObject("batchLatencyMillis").put("p50", round(result.p50Millis()))
                .put("p99", round(result.p99Millis())).put("max", round(result.maxMillis()));
            json.put("notApplied", result.notApplied()).put("warmupNotApplied", result.warmupNotApplied());
            json.put("cpuMicrosPerCommand", round(result.cpuMicrosPerCommand()));
            json.put("cpuShareOfSignatureBound", round(cheaper.cpuShare(result.cpuMicrosPerCommand())));
            final ObjectNode byThread = json.putObject("cpuMicrosPerCommandByThread");
            result.cpuMicrosByThread().forEach((name, micros) ->
            {
                if (micros >= 0.5)
                {
                    byThread.put(name, round(micros));
                }
            });
            if (!result.endedJvmThreads().isEmpty())
            {
                // Their CPU after the load began is unknown, so missing from their group's figure above.
                final ObjectNode ended = json.putObject("jvmThreadsEndedDuringLoad");
                result.endedJvmThreads().forEach(ended::put);
            }
        }
        report.put("loadAverage", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage()));
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return 0;
    }

    private static String name(final WholeNodeBench.Transport transport)
    {
        return switch (transport)
        {
            case HTTP -> "http";
            case FEED -> "feed";
            case IN_PROCESS -> "in-process";
        };
    }

    private static double round(final double value)
    {
        return Math.round(value * 100) / 100.0;
    }
}
