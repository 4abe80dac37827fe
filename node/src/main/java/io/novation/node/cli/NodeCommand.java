package io.novation.node.cli;

import io.novation.core.account.Address;
import io.novation.node.admission.AdmissionLimits;
import io.novation.node.server.HttpLimits;
import io.novation.node.server.Node;
import io.novation.node.server.NodeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code novation node}: runs a node (journal, snapshots, sequencer, HTTP/JSON and WebSocket API) until SIGTERM or
 * SIGINT, then stops taking requests, sequences what is queued, writes a snapshot and exits. With {@code --cluster} it
 * runs as a member of an Aeron Cluster instead (through the {@link ClusterLauncher} of the cluster module).
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

    @Option(names = "--seal-every", paramLabel = "N", description = "seal a state batch every N commands " +
        "(default: 10000; 0: not by count)")
    private long sealEveryCommands = 10_000;

    @Option(names = "--seal-every-ms", paramLabel = "MS", description = "seal a state batch once MS ms of sequencer " +
        "time passed since the last (default: 60000; 0: not by time; both 0: no batches)")
    private long sealEveryMs = 60_000;

    @Option(names = "--cluster", paramLabel = "MEMBERS", description = "join an Aeron Cluster: host:port of every " +
        "member, comma-separated, in member id order; each member uses five ports from its own (default: run " +
        "embedded, without a cluster)")
    private String cluster;

    @Option(names = "--member-id", paramLabel = "I", description = "with --cluster: this member's index in MEMBERS")
    private int memberId = -1;

    @Option(names = "--idle", paramLabel = "backoff|sleep|busy", description = "with --cluster: idle strategy of " +
        "the cluster's threads (default: backoff; busy needs a core per thread)")
    private String idle = "backoff";

    @Option(names = "--file-sync", paramLabel = "0|1|2", description = "with --cluster: 0 no fsync, 1 the log is " +
        "forced before it counts towards commit, 2 with metadata (default: 1)")
    private int fileSync = 1;

    @Option(names = "--heartbeat-timeout-ms", paramLabel = "MS", description = "with --cluster: silence of the " +
        "leader after which followers elect a new one (default: 2000)")
    private long heartbeatTimeoutMs = 2_000;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "with --cluster: the media driver's directory " +
        "(default: /dev/shm/novation-<user>-<port of this member>)")
    private String aeronDir;

    @Option(names = "--replay-clock", description = "replay mode: explicit command times need only be monotonic " +
        "(a past day may be replayed), commands without a time take the last assigned time")
    private boolean replayClock;

    @Option(names = "--repair", description = "cut a damaged journal at its first damage (moving the cut bytes, " +
        "later segments and snapshots ahead of the cut into quarantine directories), print what was dropped and " +
        "exit; then start the node without it")
    private boolean repair;

    @Option(names = "--idle-timeout-ms", paramLabel = "MS", description = "close a connection silent both ways " +
        "this long (default: 10000)")
    private Long idleTimeoutMs;

    @Option(names = "--body-timeout-ms", paramLabel = "MS", description = "a request body must arrive whole within " +
        "this long, or 408 (default: 10000)")
    private Long bodyTimeoutMs;

    @Option(names = "--write-timeout-ms", paramLabel = "MS", description = "a response must be written whole within " +
        "this long, or the connection is closed (default: 30000)")
    private Long writeTimeoutMs;

    @Option(names = "--max-header-bytes", paramLabel = "BYTES", description = "largest request line plus headers " +
        "(default: 8192)")
    private Integer maxHeaderBytes;

    @Option(names = "--max-connections", paramLabel = "N", description = "most open connections (default: 4096)")
    private Integer maxConnections;

    @Option(names = "--max-connections-per-ip", paramLabel = "N", description = "most open connections from one " +
        "client address (default: 512)")
    private Integer maxConnectionsPerIp;

    @Option(names = "--http-threads", paramLabel = "N", description = "most HTTP threads (default: 200)")
    private Integer httpThreads;

    @Option(names = "--ip-burst", paramLabel = "WEIGHT", description = "request weight one client address may " +
        "spend at once (default: 250000)")
    private Long ipBurst;

    @Option(names = "--ip-per-second", paramLabel = "WEIGHT", description = "request weight one client address " +
        "regains per second (default: 100000)")
    private Long ipPerSecond;

    @Option(names = "--account-burst", paramLabel = "WEIGHT", description = "command weight one signing account " +
        "may spend at once (default: 50000)")
    private Long accountBurst;

    @Option(names = "--account-per-second", paramLabel = "WEIGHT", description = "command weight one signing " +
        "account regains per second (default: 20000)")
    private Long accountPerSecond;

    @Option(names = "--max-verifying", paramLabel = "N", description = "commands waiting for or in signature " +
        "verification at once, beyond which 503 (default: 100000)")
    private Integer maxVerifying;
    @Option(names = "--history-db", paramLabel = "URL", description = "history database: jdbc:sqlite:FILE, " +
        "jdbc:postgresql://HOST:PORT/DB?user=U, or none (default: history.sqlite in the data directory)")
    private String historyDb;

    @Override
    public Integer call()
    {
        if (cluster != null && repair)
        {
            System.err.println("novation node: --repair is for an embedded node's journal; a cluster member " +
                "replicates its log from the others (docs/operations.md §6)");
            return 2;
        }
        if (cluster != null)
        {
            return callClustered();
        }
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (repair)
        {
            return repair(out);
        }
        NodeConfig config = NodeConfig.defaults().withDataDir(dataDir).withHost(host).withPort(port)
            .withSnapshotEvery(snapshotEvery).withWorkers(workers).withLimits(maxBodyBytes, maxBatch)
            .withSealing(sealEveryCommands, sealEveryMs).withReplayClock(replayClock);
        final Node node;
        try
        {
            config = withOperatorLimits(config);
            config = config.withChain(chainId, verifyingContract == null ? config.verifyingContract() :
                Address.parse(verifyingContract));
            config = config.withGenesisKeys(governance == null ? null : Address.parse(governance),
                bridge == null ? null : Address.parse(bridge));
            node = Node.start(config, "none".equals(historyDb) ? null : historyDb == null ?
                io.novation.node.history.HistoryDatabase.sqliteIn(dataDir) : historyDb, out);
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

    /** The HTTP and admission limits with the operator's flags over the defaults (docs/operations.md §12, §13). */
    NodeConfig withOperatorLimits(final NodeConfig config)
    {
        final HttpLimits http = config.http();
        final AdmissionLimits admission = config.admission();
        return config.withHttpLimits(new HttpLimits(
            or(idleTimeoutMs, http.idleTimeoutMs()), or(bodyTimeoutMs, http.bodyTimeoutMs()),
            or(maxHeaderBytes, http.headerBytes()), or(maxConnections, http.maxConnections()),
            or(httpThreads, http.maxThreads()), or(maxConnectionsPerIp, http.maxConnectionsPerIp()),
            or(writeTimeoutMs, http.writeTimeoutMs())))
            .withAdmission(new AdmissionLimits(or(ipBurst, admission.ipBurst()),
                or(ipPerSecond, admission.ipPerSecond()), or(accountBurst, admission.accountBurst()),
                or(accountPerSecond, admission.accountPerSecond()), or(maxVerifying, admission.maxVerifying()),
                admission.maxTrackedClients()));
    }

    private static long or(final Long flag, final long otherwise)
    {
        return flag == null ? otherwise : flag;
    }

    private static int or(final Integer flag, final int otherwise)
    {
        return flag == null ? otherwise : flag;
    }

    private Integer repair(final PrintStream out)
    {
        try
        {
            for (final String line : Node.repair(dataDir))
            {
                out.println("novation node --repair: " + line);
            }
            return 0;
        }
        catch (final Exception ex)
        {
            System.err.println("novation node --repair: " + ex.getMessage());
            return 2;
        }
    }

    private Integer callClustered()
    {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        final ClusterLauncher launcher = ServiceLoader.load(ClusterLauncher.class).findFirst().orElse(null);
        if (launcher == null)
        {
            System.err.println("novation node: --cluster needs the cluster module on the class path " +
                "(the novation jar built by sim has it)");
            return 2;
        }
        final AutoCloseable member;
        try
        {
            NodeConfig config = NodeConfig.defaults().withDataDir(dataDir).withHost(host).withPort(port)
                .withSnapshotEvery(snapshotEvery).withWorkers(workers).withLimits(maxBodyBytes, maxBatch)
                .withSealing(sealEveryCommands, sealEveryMs);
            config = withOperatorLimits(config);
            config = config.withChain(chainId, verifyingContract == null ? config.verifyingContract() :
                Address.parse(verifyingContract));
            config = config.withGenesisKeys(governance == null ? null : Address.parse(governance),
                bridge == null ? null : Address.parse(bridge));
            member = launcher.launch(config, new ClusterSettings(cluster, memberId, idle, fileSync,
                heartbeatTimeoutMs, aeronDir), out);
        }
        catch (final Exception ex)
        {
            System.err.println("novation node: " + ex.getMessage());
            ex.printStackTrace();
            return 2;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            out.println("novation node: stopping the cluster member");
            try
            {
                member.close();
            }
            catch (final Exception ex)
            {
                System.err.println("novation node: " + ex.getMessage());
            }
            out.println("novation node: stopped");
            stopped.countDown();
        }, "novation-shutdown"));
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
