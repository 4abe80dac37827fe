package io.novation.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeron.Aeron;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventSink;
import io.novation.node.batch.BatchSource;
import io.novation.node.batch.BatchStore;
import io.novation.node.batch.SealedBatch;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.metrics.NodeMetrics;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.Refusal;
import io.novation.node.sequencer.SignatureVerifier;
import io.novation.node.sequencer.Submission;
import io.novation.node.server.EngineHost;
import io.novation.node.server.Genesis;
import io.novation.node.server.HttpApi;
import io.novation.node.server.NodeConfig;
import io.novation.node.stream.EventHub;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A node that is a member of an Aeron Cluster: the member's Aeron components and {@link ClearingService}, and the
 * node's HTTP API as a gateway. Commands are decoded against the member's replica, verified on worker threads, sent
 * to the cluster by a {@link ClusterGateway} and answered once the cluster has committed and applied them; reads are
 * served by the member's own replica (which may trail the leader by the commands still in flight), and so are the
 * batches the cluster sealed and their proofs.
 */
public final class ClusterNode implements EngineHost, BatchSource, AutoCloseable
{
    /** Commands per cluster message: a larger batch is sent as several messages. */
    public static final int COMMANDS_PER_MESSAGE = 1_000;
    /** How long an answer waits for this member to apply what the leader answered for, in ms. */
    private static final long LOCAL_APPLY_WAIT_MS = 5_000;

    private final NodeConfig config;
    private final ClusterMembers members;
    private final int memberId;
    private final Genesis genesis;
    private final ClearingService service;
    private final ClusterMember member;
    private final Aeron aeron;
    private final ClusterGateway gateway;
    private final SignatureVerifier verifier;
    private final ExecutorService workers;
    private final NodeMetrics metrics = new NodeMetrics();
    private final HttpApi api;
    private final int port;
    private SealedBatch archivedBatch;
    private ClearingEngine archivedEngine;

    private ClusterNode(final NodeConfig config, final ClusterMembers members, final int memberId,
        final String aeronDir, final String idle, final int fileSync, final long heartbeatTimeoutMs,
        final PrintStream out) throws IOException, InterruptedException
    {
        this.config = config;
        this.members = members;
        this.memberId = memberId;
        if (!Files.exists(config.dataDir().resolve(Genesis.FILE)) &&
            (config.governance() == null || config.bridge() == null))
        {
            throw new IllegalArgumentException("a cluster member needs --governance and --bridge at its first start: " +
                "every member must share the same genesis");
        }
        this.genesis = Genesis.loadOrCreate(config, out);
        this.service = new ClearingService(genesis.engineConfig(), config);
        this.member = ClusterMember.launch(new ClusterMember.Settings(members, memberId, config.dataDir(), aeronDir,
            idle, fileSync, heartbeatTimeoutMs), service, error ->
            {
                System.err.println("novation cluster: " + error);
                error.printStackTrace();
            });
        ClusterGateway startedGateway = null;
        Aeron startedAeron = null;
        try
        {
            if (!service.awaitStart(120_000))
            {
                throw new IllegalStateException("the clustered service did not start within 120 s");
            }
            startedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            startedGateway = new ClusterGateway(startedAeron, members.ingressEndpoints(),
                "aeron:udp?endpoint=" + members.hosts().get(memberId) + ":0", TimeUnit.SECONDS.toNanos(5),
                new BackoffIdleStrategy(10, 20, 1_000, 1_000_000));
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            CloseHelper.quietCloseAll(startedGateway, startedAeron, member);
            throw ex;
        }
        this.aeron = startedAeron;
        this.gateway = startedGateway;
        // The session keys the verifier admits: kept by the durable events and filled from the accounts, both on
        // the service's thread.
        final io.novation.node.sequencer.SessionKeyDirectory sessionKeys =
            new io.novation.node.sequencer.SessionKeyDirectory();
        service.hub().observeExceptFills(sessionKeys::onDurable);
        service.query(engine ->
        {
            sessionKeys.load(engine.state().accounts());
            return null;
        });
        this.verifier = new SignatureVerifier(service.engine().domainSeparator(), genesis.authority(), sessionKeys);
        final AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), task ->
        {
            final Thread thread = new Thread(task, "novation-verifier-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        metrics.gauge("novation_sequence", service::appliedSequence);
        metrics.gauge("novation_cluster_leader_changes", gateway::leaderChanges);
        metrics.gauge("novation_cluster_resent_requests", gateway::resent);
        metrics.gauge("novation_cluster_snapshots", service::snapshotsTaken);
        this.api = new HttpApi(this, config);
        int boundPort;
        try
        {
            boundPort = api.start();
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
        this.port = boundPort;
    }

    /**
     * Starts a member and its API.
     *
     * @param config             the node configuration (data directory, API, genesis, snapshot interval).
     * @param members            every member.
     * @param memberId           this member.
     * @param aeronDir           the media driver's directory.
     * @param idle               backoff, sleep or busy.
     * @param fileSync           0, 1 or 2.
     * @param heartbeatTimeoutMs leader heartbeat timeout, ms.
     * @param out                where to print announcements.
     * @return the running node.
     * @throws IOException          when the data directory cannot be used.
     * @throws InterruptedException when interrupted while starting.
     */
    public static ClusterNode start(final NodeConfig config, final ClusterMembers members, final int memberId,
        final String aeronDir, final String idle, final int fileSync, final long heartbeatTimeoutMs,
        final PrintStream out) throws IOException, InterruptedException
    {
        return new ClusterNode(config, members, memberId, aeronDir, idle, fileSync, heartbeatTimeoutMs, out);
    }

    /**
     * The media driver directory a member uses by default: under /dev/shm when it exists, named by the member's
     * first port so that members on one machine do not collide.
     *
     * @param members  the members.
     * @param memberId this member.
     * @return a directory name.
     */
    public static String defaultAeronDir(final ClusterMembers members, final int memberId)
    {
        final Path shm = Path.of("/dev/shm");
        final Path parent = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return parent.resolve("novation-" + System.getProperty("user.name") + "-" + members.ports().get(memberId))
            .toString();
    }

    @Override
    public ClearingEngine engine()
    {
        return service.engine();
    }

    @Override
    public <T> CompletableFuture<T> query(final Function<ClearingEngine, T> function)
    {
        return service.query(function);
    }

    @Override
    public CompletableFuture<List<CommandOutcome>> submit(final List<Submission> items, final boolean withEvents,
        final long arrivalNanos)
    {
        final List<CompletableFuture<List<ClusterProtocol.Outcome>>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += COMMANDS_PER_MESSAGE)
        {
            final List<ClusterProtocol.Entry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(items.size(), from + COMMANDS_PER_MESSAGE); i++)
            {
                final Submission submission = items.get(i);
                entries.add(new ClusterProtocol.Entry(submission.command(), submission.explicitTime(),
                    submission.authorityNonce()));
            }
            parts.add(gateway.submit(entries));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenCompose(done ->
        {
            final List<CommandOutcome> outcomes = new ArrayList<>(items.size());
            long highest = 0;
            for (final CompletableFuture<List<ClusterProtocol.Outcome>> part : parts)
            {
                for (final ClusterProtocol.Outcome outcome : part.join())
                {
                    outcomes.add(toCommandOutcome(outcome));
                    highest = Math.max(highest, outcome.sequence());
                }
            }
            // Answer once this member has applied the commands too (the leader answered for the majority), so that
            // the client's next request here decodes against the definitions they changed; a member that lags by
            // more than the wait answers anyway.
            return service.awaitApplied(highest)
                .completeOnTimeout(null, LOCAL_APPLY_WAIT_MS, TimeUnit.MILLISECONDS)
                .thenApply(applied ->
                {
                    metrics.commandLatency().record(System.nanoTime() - arrivalNanos);
                    return outcomes;
                });
        });
    }

    private CommandOutcome toCommandOutcome(final ClusterProtocol.Outcome outcome)
    {
        return switch (outcome.status())
        {
            case ClusterProtocol.APPLIED ->
            {
                metrics.applied(1);
                yield new CommandOutcome(outcome.sequence(), outcome.time(), true, null, null, List.of(), null);
            }
            case ClusterProtocol.REJECTED ->
            {
                metrics.rejected(outcome.code());
                yield new CommandOutcome(outcome.sequence(), outcome.time(), false, outcome.code(), outcome.message(),
                    List.of(), null);
            }
            default ->
            {
                metrics.refused(outcome.code());
                yield new CommandOutcome(0, 0, false, outcome.code(), outcome.message(), List.of(),
                    new Refusal(outcome.httpStatus(), outcome.code(), outcome.message()));
            }
        };
    }

    @Override
    public boolean healthy()
    {
        return gateway.isConnected();
    }

    @Override
    public long sequence()
    {
        return service.appliedSequence();
    }

    @Override
    public long durableSequence()
    {
        return service.appliedSequence();
    }

    @Override
    public SignatureVerifier verifier()
    {
        return verifier;
    }

    @Override
    public ExecutorService workers()
    {
        return workers;
    }

    @Override
    public EventHub hub()
    {
        return service.hub();
    }

    @Override
    public NodeMetrics metrics()
    {
        return metrics;
    }

    @Override
    public Genesis genesis()
    {
        return genesis;
    }

    @Override
    public void describe(final ObjectNode body)
    {
        final ObjectNode cluster = body.putObject("cluster");
        cluster.put("memberId", memberId);
        cluster.put("members", members.size());
        cluster.put("role", service.role().name().toLowerCase());
        cluster.put("leaderMemberId", gateway.leaderMemberId());
        cluster.put("connected", gateway.isConnected());
        cluster.put("snapshots", service.snapshotsTaken());
        cluster.put("lastSnapshotNanos", service.lastSnapshotNanos());
        cluster.put("restoreNanos", service.restoreNanos());
        cluster.put("serviceAllocatedBytes", service.serviceAllocatedBytes());
    }

    @Override
    public BatchStore batches()
    {
        return service.batches();
    }

    /**
     * A scratch engine in the state a batch sealed, re-executed from genesis through the member's journal; the last
     * one is kept.
     *
     * @param batch the sealed batch.
     * @return an engine whose tree root is the batch's.
     */
    @Override
    public synchronized ClearingEngine engineAt(final SealedBatch batch)
    {
        if (archivedBatch == null || archivedBatch.sequence() != batch.sequence())
        {
            final ClearingEngine scratch = new ClearingEngine(genesis.engineConfig(), EventSink.NONE);
            JournalReplayer.applyingTo(scratch).replay(config.dataDir().resolve("journal"), 0, batch.sequence() - 1);
            scratch.eventSink(EventSink.NONE);
            scratch.stateRoot();
            archivedBatch = batch;
            archivedEngine = scratch;
        }
        return archivedEngine;
    }

    /**
     * The member's clustered service.
     *
     * @return the service.
     */
    public ClearingService service()
    {
        return service;
    }

    /**
     * The gateway this node forwards commands with.
     *
     * @return the gateway.
     */
    public ClusterGateway gateway()
    {
        return gateway;
    }

    /**
     * The port the API listens on.
     *
     * @return port.
     */
    public int port()
    {
        return port;
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(api, gateway, aeron, member, service);
        if (workers != null)
        {
            workers.shutdown();
        }
    }
}
