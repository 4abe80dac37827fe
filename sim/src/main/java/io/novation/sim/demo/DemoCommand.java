package io.novation.sim.demo;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code novation demo}: replays the 2025-10-10 crash through a live embedded node (see {@link Demo}) and writes
 * {@code report.json} and {@code report.html}.
 * <p>
 * Exit codes: 0 when every invariant held; 1 when one failed; 2 for invalid arguments or when the base chain cannot
 * run (npm or ganache unavailable, its port in use) or {@code --prove}'s tools are missing; 3 when the run itself
 * failed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Replay the 2025-10-10 crash through a live node: five oracle publishers (one faulty) sign the BTC, ETH " +
            "and AVAX minute prices (AVAX's wick runs the whole bankruptcy waterfall; margin controller and depth " +
            "penalty on), a long-skewed population of traders trades through a crossing matcher, the market " +
            "makers settle a BTC/ETH spread package every half hour (settleBlockTrade; with both markets), " +
            "funding is sampled and ticked, three keepers compete for the liquidations, batches are sealed on " +
            "schedule.",
        "Writes OUT/report.json and OUT/report.html (charts drawn in the page, offline) and exits 1 if an " +
            "invariant fails (conservation after every batch, no negative net collateral, the root equal to an " +
            "independent replay of the journal)."})
public final class DemoCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "where the report and the node's data go " +
        "(default: ./demo-out)")
    private Path out = Path.of("demo-out");

    @Option(names = "--accounts", paramLabel = "N", description = "trader subaccounts (default: 10000)")
    private int accounts = DemoSettings.DEFAULT_ACCOUNTS;

    @Option(names = "--speed", paramLabel = "X", description = "simulated time per wall-clock time, at most " +
        "(default: 1440, a day in a minute at most; 'max' for no pacing)")
    private String speed = "1440";

    @Option(names = "--from", paramLabel = "HH:MM", description = "first minute replayed, UTC (default: 00:00)")
    private String from = "00:00";

    @Option(names = "--to", paramLabel = "HH:MM", description = "end of the replay, UTC (default: 24:00)")
    private String to = "24:00";

    @Option(names = "--seed", paramLabel = "N", description = "random seed of the population (default: 20251010)")
    private long seed = 20_251_010L;

    @Option(names = "--markets", paramLabel = "LIST", split = ",", description = "markets replayed, of BTC, ETH " +
        "and AVAX (default: BTC,ETH,AVAX); the BTC options run only with BTC")
    private List<String> marketNames = DemoMarket.NAMES;

    @Option(names = "--no-chain", description = "run without the base chain (ganache, the bridge, deposits " +
        "through it, a commit per batch, withdrawals)")
    private boolean noChain;

    @Option(names = "--chain-port", paramLabel = "PORT", description = "the base chain's port on 127.0.0.1 " +
        "(default: a free one)")
    private int chainPort;

    @Option(names = "--escape", description = "end the day with the operator gone: a forced withdrawal goes " +
        "unanswered, the bridge freezes and the accounts escape with their committed value")
    private boolean escape;

    @Option(names = "--prove", description = "after the day, prove the final batch's solvency (snarkjs and the " +
        "test ceremony, about 2.7 s of CPU per chunk of 8 accounts, padded to a power of two: about 2 hours for " +
        "the default population) and check every chunk with the SolvencyVerifier on chain")
    private boolean prove;

    @Override
    public Integer call()
    {
        final DemoSettings settings;
        final ChainSettings chain;
        try
        {
            final double pace = "max".equalsIgnoreCase(speed) ? Double.POSITIVE_INFINITY : Double.parseDouble(speed);
            settings = new DemoSettings(out, accounts, pace, minute(from), minute(to), seed, 3, 10, 5_000,
                marketNames);
            final ChainSettings base = (noChain ? ChainSettings.off() : ChainSettings.on()).withPort(chainPort);
            chain = escape ? base.withEscape(ChainSettings.DEFAULT_ESCAPE_SAMPLE) : base;
            if (escape && noChain)
            {
                throw new IllegalArgumentException("--escape needs the base chain (drop --no-chain)");
            }
            if (prove && noChain)
            {
                throw new IllegalArgumentException("--prove needs the base chain (drop --no-chain)");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        final PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try
        {
            final DemoOutcome outcome = Demo.run(settings, chain, prove ? ProofSettings.on() : ProofSettings.off(),
                console, System.console() != null);
            return outcome.invariantsHold() ? 0 : 1;
        }
        catch (final DemoSolvencyProof.ProverUnavailableException ex)
        {
            System.err.println("novation demo: --prove cannot run: " + ex.getMessage());
            return 2;
        }
        catch (final LocalEvm.ChainUnavailableException ex)
        {
            System.err.println("novation demo: the base chain cannot run: " + ex.getMessage());
            return 2;
        }
        catch (final Exception ex)
        {
            System.err.println("novation demo: " + ex);
            return 3;
        }
    }

    private static int minute(final String text)
    {
        final String[] parts = text.split(":");
        if (parts.length != 2)
        {
            throw new IllegalArgumentException("a time is HH:MM, not " + text);
        }
        final int hours = Integer.parseInt(parts[0]);
        final int minutes = Integer.parseInt(parts[1]);
        if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || hours == 24 && minutes != 0)
        {
            throw new IllegalArgumentException("a time is between 00:00 and 24:00, not " + text);
        }
        return hours * 60 + minutes;
    }
}
