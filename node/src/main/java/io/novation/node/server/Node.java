package io.novation.node.server;

import io.novation.core.codec.BinaryReader;
import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.journal.Journal;
import io.novation.node.metrics.NodeMetrics;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.JournalPayload;
import io.novation.node.sequencer.Sequencer;
import io.novation.node.sequencer.SignatureVerifier;
import io.novation.node.sequencer.Submission;
import io.novation.node.snapshot.SnapshotStore;
import io.novation.node.stream.EventHub;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A running node: genesis, recovery (the newest valid snapshot, then the journal after it), the sequencer, the
 * verifier threads, the event stream and the HTTP API. {@link #close()} stops the API, sequences what is queued,
 * writes a snapshot and closes the journal.
 */
public final class Node implements EngineHost, io.novation.node.batch.BatchSource, AutoCloseable
{
    private static final int RECOVERY_PUBLISH_CHUNK = 10_000;

    private final NodeConfig config;
    private final Genesis genesis;
    private final ClearingEngine engine;
    private final Journal journal;
    private final SnapshotStore snapshots;
    private final EventHub hub;
    private final NodeMetrics metrics = new NodeMetrics();
    private final Sequencer sequencer;
    private final SignatureVerifier verifier;
    private final ExecutorService workers;
    private final SubmissionPipeline pipeline;
    private final HttpApi api;
    private final io.novation.node.history.HistoryService history;
    private final io.novation.node.batch.BatchStore batches;
    private final io.novation.node.batch.SolvencyTrees solvency;
    private io.novation.node.batch.SealedBatch archivedBatch;
    private ClearingEngine archivedEngine;
    private final String recoveryNote;
    private final int port;

    private Node(final NodeConfig config, final String historyDb, final PrintStream out) throws IOException
    {
        this.config = config;
        this.genesis = Genesis.loadOrCreate(config, out);
        final EngineConfig engineConfig = genesis.engineConfig();
        this.snapshots = new SnapshotStore(config.dataDir().resolve("snapshots"), 3);
        final SnapshotStore.Loaded loaded = snapshots.loadNewest();
        this.engine = loaded == null ? new ClearingEngine(engineConfig, EventSink.NONE) :
            SnapshotCodec.read(loaded.engineSnapshot(), engineConfig, EventSink.NONE);
        final long snapshotSequence = engine.state().sequence();
        this.journal = Journal.open(config.dataDir().resolve("journal"), Journal.DEFAULT_SEGMENT_SIZE, config.fsync(),
            snapshotSequence);
        if (journal.lastSequence() < snapshotSequence)
        {
            throw new IllegalStateException("the snapshot at " + snapshotSequence + " is ahead of the journal at " +
                journal.lastSequence() + ": the journal lost durable records");
        }
        this.hub = new EventHub(config.eventRing(),
            new JournalEventHistory(engineConfig, snapshots, journal.directory()), snapshotSequence);
        final long[] authorityNonce = {loaded == null ? 0 : loaded.authorityNonce()};
        final long replayed = replay(authorityNonce);
        this.recoveryNote = "recovered " + (loaded == null ? "from genesis" : "from snapshot " + snapshotSequence) +
            ", replayed " + replayed + " journaled commands; journal: " + journal.recovery();
        this.batches = new io.novation.node.batch.BatchStore(config.dataDir().resolve("batches"));
        this.solvency = new io.novation.node.batch.SolvencyTrees(config.dataDir());
        if (batches.count() < engine.state().batchCount())
        {
            final io.novation.node.batch.AuditReport rebuilt = new io.novation.node.batch.Auditor(engineConfig,
                journal.directory()).run(engine.state().sequence());
            for (final io.novation.node.batch.SealedBatch batch : rebuilt.batches())
            {
                batches.add(batch);
            }
        }
        // Filled before the sequencer's thread exists, then kept by the durable events on that thread.
        final io.novation.node.sequencer.SessionKeyDirectory sessionKeys =
            new io.novation.node.sequencer.SessionKeyDirectory();
        sessionKeys.load(engine.state().accounts());
        hub.observeExceptFills(sessionKeys::onDurable);
        final boolean sealing = config.sealEveryCommands() > 0 || config.sealEveryMs() > 0;
        // The replay clock reads 0: a command without a time takes the last assigned time, and no explicit time is
        // too far ahead of it.
        final LongSupplier clock = config.replayClock() ? () -> 0L : System::currentTimeMillis;
        this.sequencer = new Sequencer(engine, journal, snapshots, hub, metrics, clock, config.snapshotEvery(),
            config.replayClock() ? Long.MAX_VALUE : config.maxFutureMs(),
            config.replayClock() ? Long.MAX_VALUE : config.maxOwnerFutureMs(), authorityNonce[0], 16_384,
            sealing ? batches : null, config.sealEveryCommands(), config.sealEveryMs());
        // The keys in force: the genesis keys as governance rotated them in the recovered state.
        this.verifier = new SignatureVerifier(engine.domainSeparator(), genesis.authority(), sessionKeys);
        verifier.follow(engine.state().governance());
        final AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), task ->
        {
            final Thread thread = new Thread(task, "novation-verifier-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.pipeline = new SubmissionPipeline(this, config.workers(), config.admission());
        try
        {
            final io.novation.node.sequencer.OrderDigestRelay digests = historyDb == null ? null :
                new io.novation.node.sequencer.OrderDigestRelay(io.novation.node.sequencer.OrderDigestRelay
                    .DEFAULT_CAPACITY, engine.domainSeparator());
            sequencer.relayOrderDigests(digests);
            this.history = historyDb == null ? null : io.novation.node.history.HistoryService.start(historyDb,
                engineConfig, snapshots, journal.directory(), hub::lastSequence, digests);
        }
        catch (final RuntimeException ex)
        {
            hub.close();
            sequencer.close();
            workers.shutdown();
            throw ex;
        }
        this.api = new HttpApi(this, config, pipeline);
        int boundPort;
        try
        {
            boundPort = api.start();
        }
        catch (final RuntimeException ex)
        {
            api.close();
            hub.close();
            sequencer.close();
            workers.shutdown();
            if (history != null)
            {
                history.close();
            }
            throw ex;
        }
        this.port = boundPort;
    }

    /**
     * Recovers and starts a node.
     *
     * @param config the configuration.
     * @param out    where to print announcements.
     * @return the running node.
     * @throws IOException when the data directory cannot be used.
     */
    public static Node start(final NodeConfig config, final PrintStream out) throws IOException
    {
        return new Node(config, io.novation.node.history.HistoryDatabase.sqliteIn(config.dataDir()), out);
    }

    /**
     * Starts a node whose history goes to a given database (docs/history.md).
     *
     * @param config    the configuration.
     * @param historyDb the history database's JDBC URL ({@code jdbc:sqlite:FILE} or
     *                  {@code jdbc:postgresql://...}), or null to keep no history.
     * @param out       where to print the genesis notice.
     * @return the running node.
     * @throws IOException when the data directory cannot be used.
     */
    public static Node start(final NodeConfig config, final String historyDb, final PrintStream out)
        throws IOException
    {
        return new Node(config, historyDb, out);
    }

    /**
     * Repairs a data directory's journal when an operator asks: cuts it at its first damage (the cut bytes and later
     * segments are moved into the journal's quarantine directory) and moves snapshots ahead of what is left into the
     * snapshots' quarantine directory, so that the node starts from what the journal still proves.
     *
     * @param dataDir the node's data directory.
     * @return one line per thing dropped: file, offset, bytes and records.
     * @throws IOException when a file cannot be moved.
     */
    public static List<String> repair(final java.nio.file.Path dataDir) throws IOException
    {
        final java.nio.file.Path journalDir = dataDir.resolve("journal");
        final List<String> lines = new ArrayList<>(Journal.repair(journalDir));
        final long[] last = {0};
        Journal.replay(journalDir, 0, Long.MAX_VALUE, (sequence, buffer, offset, length) -> last[0] = sequence);
        final java.nio.file.Path snapshotDir = dataDir.resolve("snapshots");
        if (java.nio.file.Files.isDirectory(snapshotDir))
        {
            final SnapshotStore store = new SnapshotStore(snapshotDir, Integer.MAX_VALUE);
            SnapshotStore.Loaded loaded;
            while ((loaded = store.loadNewest()) != null && loaded.sequence() > last[0])
            {
                final java.nio.file.Path quarantine = snapshotDir.resolve("quarantine");
                java.nio.file.Files.createDirectories(quarantine);
                java.nio.file.Path target = quarantine.resolve(loaded.file().getFileName());
                for (int i = 1; java.nio.file.Files.exists(target); i++)
                {
                    target = quarantine.resolve(loaded.file().getFileName() + "." + i);
                }
                java.nio.file.Files.move(loaded.file(), target);
                lines.add("moved snapshot " + loaded.file().getFileName() + " (sequence " + loaded.sequence() +
                    ", ahead of the repaired journal) to snapshots/quarantine/" + target.getFileName());
            }
        }
        return lines;
    }

    private long replay(final long[] authorityNonce)
    {
        final EventLog events = new EventLog();
        engine.eventSink(events);
        final BinaryReader reader = new BinaryReader(new byte[0]);
        final long[] count = {0};
        final List<Event> chunk = new ArrayList<>();
        journal.replay(engine.state().sequence(), Long.MAX_VALUE, (sequence, buffer, offset, length) ->
        {
            final JournalPayload payload = JournalPayload.read(reader.wrap(buffer, offset, length));
            engine.apply(payload.command());
            if (engine.state().sequence() != sequence)
            {
                throw new IllegalStateException("journal record " + sequence + " replayed as " +
                    engine.state().sequence());
            }
            authorityNonce[0] = Math.max(authorityNonce[0], payload.authorityNonce());
            chunk.addAll(events.events());
            events.clear();
            if (++count[0] % RECOVERY_PUBLISH_CHUNK == 0)
            {
                hub.publish(sequence, chunk);
                chunk.clear();
            }
        });
        hub.publish(engine.state().sequence(), chunk);
        engine.eventSink(EventSink.NONE);
        return count[0];
    }

    @Override
    public ClearingEngine engine()
    {
        return engine;
    }

    /**
     * The sealed batches.
     *
     * @return the store.
     */
    @Override
    public io.novation.node.batch.BatchStore batches()
    {
        return batches;
    }

    /**
     * The solvency trees of the sealed batches, salted with the data directory's {@code solvency-seed}.
     *
     * @return the trees.
     */
    @Override
    public io.novation.node.batch.SolvencyTrees solvency()
    {
        return solvency;
    }

    /**
     * A scratch engine in the state a batch sealed (re-executed from the newest snapshot at or before the seal and the
     * journal), for proofs against a batch that the live state has moved past; the last one is kept.
     *
     * @param batch the sealed batch.
     * @return an engine whose tree root is the batch's.
     */
    @Override
    public synchronized ClearingEngine engineAt(final io.novation.node.batch.SealedBatch batch)
    {
        if (archivedBatch != null && archivedBatch.sequence() == batch.sequence())
        {
            return archivedEngine;
        }
        final long before = batch.sequence() - 1;
        final SnapshotStore.Loaded loaded = snapshots.loadNewestAtOrBefore(before);
        final ClearingEngine scratch = loaded == null ? new ClearingEngine(genesis.engineConfig(), EventSink.NONE) :
            SnapshotCodec.read(loaded.engineSnapshot(), genesis.engineConfig(), EventSink.NONE);
        final BinaryReader reader = new BinaryReader(new byte[0]);
        Journal.replay(journal.directory(), scratch.state().sequence(), before, (sequence, buffer, offset, length) ->
            scratch.apply(JournalPayload.read(reader.wrap(buffer, offset, length)).command()));
        scratch.stateRoot();
        archivedBatch = batch;
        archivedEngine = scratch;
        return scratch;
    }

    @Override
    public <T> CompletableFuture<T> query(final Function<ClearingEngine, T> function)
    {
        return sequencer.query(function);
    }

    @Override
    public CompletableFuture<List<CommandOutcome>> submit(final List<Submission> items, final boolean withEvents,
        final long arrivalNanos)
    {
        return sequencer.submit(items, withEvents, arrivalNanos);
    }

    @Override
    public boolean healthy()
    {
        return sequencer.healthy();
    }

    @Override
    public long sequence()
    {
        return journal.lastSequence();
    }

    @Override
    public long durableSequence()
    {
        return journal.durableSequence();
    }

    Journal journal()
    {
        return journal;
    }

    @Override
    public EventHub hub()
    {
        return hub;
    }

    @Override
    public NodeMetrics metrics()
    {
        return metrics;
    }

    Sequencer sequencer()
    {
        return sequencer;
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

    /**
     * Submits account-signed commands in process through the API's own {@link SubmissionPipeline} (without HTTP and
     * JSON): signatures are checked on the worker threads, then the commands are sequenced in order; the future
     * completes once they are durable.
     * Governance and bridge commands need their authority envelope and go through the API.
     *
     * @param commands the commands, in order.
     * @return one outcome per command; completes exceptionally with a {@code Refusal} for a bad signature.
     */
    public CompletableFuture<List<CommandOutcome>> submitCommands(final List<Command> commands)
    {
        return pipeline.submitCommands(commands, System.nanoTime());
    }

    /**
     * The genesis this node runs.
     *
     * @return genesis.
     */
    @Override
    public Genesis genesis()
    {
        return genesis;
    }

    /**
     * The API's routes.
     *
     * @return routes.
     */
    public List<Route> routes()
    {
        return api.routes();
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

    /**
     * What recovery did.
     *
     * @return a sentence.
     */
    public String recoveryNote()
    {
        return recoveryNote;
    }

    /**
     * Waits until the history has applied every command durable now (at once when the node keeps no history).
     *
     * @param timeoutMs the longest wait, ms.
     * @return true when the history caught up in time or there is none.
     */
    public boolean awaitHistory(final long timeoutMs)
    {
        return history == null || history.awaitApplied(durableSequence(), timeoutMs);
    }

    /**
     * The EIP-712 domain separator of the node's engine, for clients that sign.
     *
     * @return 32 bytes.
     */
    public byte[] domainSeparator()
    {
        return engine.domainSeparator();
    }

    @Override
    public io.novation.node.history.HistoryService history()
    {
        return history;
    }

    @Override
    public void close()
    {
        // Every part is stopped even when one fails to (an interrupted caller can make the HTTP server's stop throw):
        // the first failure is thrown after, with the others suppressed.
        RuntimeException failure = null;
        failure = closing(failure, api::close);
        if (history != null)
        {
            failure = closing(failure, history::close);
        }
        failure = closing(failure, hub::close);
        failure = closing(failure, sequencer::close);
        workers.shutdown();
        try
        {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    private static RuntimeException closing(final RuntimeException failure, final Runnable close)
    {
        try
        {
            close.run();
            return failure;
        }
        catch (final RuntimeException ex)
        {
            if (failure == null)
            {
                return ex;
            }
            failure.addSuppressed(ex);
            return failure;
        }
    }
}
