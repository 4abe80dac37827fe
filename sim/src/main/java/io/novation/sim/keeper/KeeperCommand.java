package io.novation.sim.keeper;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.novation.core.crypto.Hex;
import io.novation.node.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code novation keeper}: runs one keeper against a node for a duration (seconds; until SIGTERM or SIGINT without
 * one), printing each liquidation as it goes and, at the end, its report as JSON (amounts in USDC).
 * <p>
 * Exit codes: 0 after the run; 1 when the node cannot be reached or the keeper subaccount holds no collateral; 2 for
 * invalid arguments.
 */
@Command(name = "keeper", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run a keeper: watch the node's events, liquidate subaccounts below maintenance margin with signed " +
            "liquidate commands, and print what it won, lost and earned as JSON.",
        "The keeper subaccount needs collateral (a deposit) to take positions over."})
public final class KeeperCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--node", paramLabel = "URL", description = "the node (default: http://127.0.0.1:8080)")
    private URI node = URI.create("http://127.0.0.1:8080");

    @Option(names = "--key", required = true, paramLabel = "HEX", description = "the keeper's private key, 32 bytes " +
        "in hex")
    private String key;

    @Option(names = "--subaccount", paramLabel = "N", description = "the keeper subaccount that takes positions " +
        "over (default: 0)")
    private int subaccount;

    @Option(names = "--duration", paramLabel = "S", description = "seconds to run, then print the report and exit " +
        "(default: until SIGTERM or Ctrl-C)")
    private Long durationSeconds;

    @Option(names = "--idle-sweep", paramLabel = "MS", description = "longest wait between sweeps without a " +
        "triggering event (default: 5000)")
    private long idleSweepMs = 5_000;

    @Override
    public Integer call() throws JsonProcessingException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final KeeperSettings settings;
        try
        {
            final byte[] privateKey = Hex.decode(key);
            settings = KeeperSettings.of(node, privateKey).withSubaccount(subaccount).withIdleSweepMs(idleSweepMs)
                .withLog(note ->
                {
                    err.println(note);
                    err.flush();
                });
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        if (durationSeconds != null && durationSeconds <= 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be positive");
        }
        final Keeper keeper;
        try
        {
            keeper = Keeper.start(settings);
        }
        catch (final IOException | IllegalStateException ex)
        {
            err.println("novation keeper: " + ex.getMessage());
            err.flush();
            return 1;
        }
        err.println("novation keeper: " + keeper.address() + "/" + keeper.subaccount() + " watching " + node);
        err.flush();
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            stopped.countDown();
            finish(keeper, out);
        }, "keeper-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            if (durationSeconds == null)
            {
                stopped.await();
                return 0;
            }
            stopped.await(durationSeconds, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (stopped.getCount() == 0)
        {
            return 0;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        finish(keeper, out);
        return 0;
    }

    private static void finish(final Keeper keeper, final PrintWriter out)
    {
        keeper.close();
        try
        {
            out.println(Json.MAPPER.writeValueAsString(keeper.report().toJson()));
        }
        catch (final JsonProcessingException ex)
        {
            out.println("{\"error\": \"cannot print the report\"}");
        }
        out.flush();
    }
}
