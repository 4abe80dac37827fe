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
 * {@code novation bench}: whole-node load runs, in process and over HTTP, printed as JSON (commands per second;
 * batch latency in milliseconds).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run whole-node load: pre-signed fills sent in batches to a node in this JVM, in process and over " +
        "HTTP. Prints throughput and batch latency percentiles as JSON.")
public final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--transport", defaultValue = "all",
        description = "in-process, http or all (default: ${DEFAULT-VALUE}).")
    private String transport;

    @Option(names = "--commands", defaultValue = "100000", description = "Fills per run (default: ${DEFAULT-VALUE}).")
    private int commands;

    @Option(names = "--batch", defaultValue = "1000", description = "Fills per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--clients", defaultValue = "1", description = "Client threads (default: ${DEFAULT-VALUE}).")
    private int clients;

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
            case "all" -> List.of(WholeNodeBench.Transport.IN_PROCESS, WholeNodeBench.Transport.HTTP);
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--transport must be in-process, http or all");
        };
        final ArrayNode results = Json.MAPPER.createArrayNode();
        for (final WholeNodeBench.Transport each : transports)
        {
            final WholeNodeBench.Result result = WholeNodeBench.run(each, commands, batch, clients, dataRoot);
            final ObjectNode json = results.addObject();
            json.put("transport", each == WholeNodeBench.Transport.HTTP ? "http" : "in-process");
            json.put("commands", result.commands()).put("batch", result.batchSize()).put("clients", result.clients());
            json.put("seconds", round(result.seconds())).put("commandsPerSecond", Math.round(result.perSecond()));
            json.putObject("batchLatencyMillis").put("p50", round(result.p50Millis()))
                .put("p99", round(result.p99Millis())).put("max", round(result.maxMillis()));
            json.put("notApplied", result.notApplied());
        }
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        return 0;
    }

    private static double round(final double value)
    {
        return Math.round(value * 100) / 100.0;
    }
}
