package io.novation.node.cli;

import io.novation.core.account.Address;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code novation node}: runs a node (journal, snapshots, sequencer, HTTP/JSON and WebSocket API) until SIGTERM or
 * SIGINT, then stops taking requests, sequences what is queued, writes a snapshot and exits.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run a node: the API on HOST:PORT, the journal and snapshots in DIR.")
public final class NodeCommand implements Callable<Integer>
{
    @Option(names = "--data-dir", paramLabel = "DIR", description = "journal, snapshots and genesis (default: ./data)")
    private Path dataDir = Path.of("data");

    @Option(names = "--host", description = "address to listen on (default: 127.0.0.1)")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "P", description = "TCP port (default: 8080; 0 picks a free one)")
    private int port = 8080;

    @Option(names = "--snapshot-every", paramLabel = "N", description = "commands between snapshots " +
        "(default: 100000)")
    private long snapshotEvery = 100_000;

    @Option(names = "--governance", paramLabel = "ADDRESS", description = "governance key address at genesis " +
        "(default: a generated development key)")
    private String governance;

    @Option(names = "--bridge", paramLabel = "ADDRESS", description = "bridge key address at genesis " +
        "(default: a generated development key)")
    private String bridge;

    @Option(names = "--chain-id", description = "EIP-712 chain id at genesis (default: 31337)")
    private long chainId = 31337;

    @Option(names = "--verifying-contract", paramLabel = "ADDRESS", description = "EIP-712 verifying contract at " +
        "genesis (default: the zero address)")
    private String verifyingContract;

    @Option(names = "--workers", description = "signature verification threads (default: 2)")
    private int workers = 2;

    @Option(names = "--max-body-bytes", description = "largest request body (default: 4194304)")
    private int maxBodyBytes = 4 << 20;

    @Option(names = "--max-batch", description = "most commands in one batch (default: 10000)")
    private int maxBatch = 10_000;

    @Option(names = "--replay-clock", description = "replay mode: explicit command times need only be monotonic " +
        "(a past day may be replayed), commands without a time take the last assigned time")
    private boolean replayClock;

    @Override
    public Integer call()
    {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        NodeConfig config = NodeConfig.defaults().withDataDir(dataDir).withHost(host).withPort(port)
            .withSnapshotEvery(snapshotEvery).withWorkers(workers).withLimits(maxBodyBytes, maxBatch)
            .withReplayClock(replayClock);
        final Node node;
        try
        {
            config = config.withChain(chainId, verifyingContract == null ? config.verifyingContract() :
                Address.parse(verifyingContract));
            config = config.withGenesisKeys(governance == null ? null : Address.parse(governance),
                bridge == null ? null : Address.parse(bridge));
            node = Node.start(config, out);
        }
        catch (final Exception ex)
        {
            System.err.println("novation node: " + ex.getMessage());
            return 2;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            out.println("novation node: stopping; writing a snapshot");
            node.close();
            out.println("novation node: stopped");
            stopped.countDown();
        }, "novation-shutdown"));
        out.println("novation node: " + node.recoveryNote());
        out.println("novation node: governance " + node.genesis().authority().governance() + ", bridge " +
            node.genesis().authority().bridge());
        out.println("novation node: listening on http://" + host + ":" + node.port());
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
