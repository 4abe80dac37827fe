package io.novation.node.server;

import io.novation.core.codec.BinaryReader;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.journal.Journal;
import io.novation.node.metrics.NodeMetrics;
import io.novation.node.sequencer.JournalPayload;
import io.novation.node.sequencer.Sequencer;
import io.novation.node.sequencer.SignatureVerifier;
import io.novation.node.snapshot.SnapshotStore;
import io.novation.node.stream.EventHub;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A running node: genesis, recovery (the newest valid snapshot, then the journal after it), the sequencer, the
 * verifier threads, the event stream and the HTTP API. {@link #close()} stops the API, sequences what is queued,
 * writes a snapshot and closes the journal.
 */
public final class Node implements AutoCloseable
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
    private final HttpApi api;
    private final String recoveryNote;
    private final int port;

    private Node(final NodeConfig config, final PrintStream out) throws IOException
    {
        this.config = config;
        this.genesis = Genesis.loadOrCreate(config, out);
        final EngineConfig engineConfig = genesis.engineConfig();
        this.snapshots = new SnapshotStore(config.dataDir().resolve("snapshots"), 3);
        final SnapshotStore.Loaded loaded = snapshots.loadNewest();
        this.engine = loaded == null ? new ClearingEngine(engineConfig, EventSink.NONE) :
            SnapshotCodec.read(loaded.engineSnapshot(), engineConfig, EventSink.NONE);
        final long snapshotSequence = engine.state().sequence();
        this.journal = Journal.open(config.dataDir().resolve("journal"), Journal.DEFAULT_SEGMENT_SIZE, config.fsync());
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
        // The replay clock reads 0: a command without a time takes the last assigned time, and no explicit time is
        // too far ahead of it.
        final LongSupplier clock = config.replayClock() ? () -> 0L : System::currentTimeMillis;
        this.sequencer = new Sequencer(engine, journal, snapshots, hub, metrics, clock, config.snapshotEvery(),
            config.replayClock() ? Long.MAX_VALUE : config.maxFutureMs(), authorityNonce[0], 16_384);
        this.verifier = new SignatureVerifier(engine.domainSeparator(), genesis.authority());
        final AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), task ->
        {
            final Thread thread = new Thread(task, "novation-verifier-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.api = new HttpApi(this, config);
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
        return new Node(config, out);
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

    ClearingEngine engine()
    {
        return engine;
    }

    Journal journal()
    {
        return journal;
    }

    EventHub hub()
    {
        return hub;
    }

    /**
     * The node's metrics.
     *
     * @return metrics.
     */
    public NodeMetrics metrics()
    {
        return metrics;
    }

    Sequencer sequencer()
    {
        return sequencer;
    }

    SignatureVerifier verifier()
    {
        return verifier;
    }

    ExecutorService workers()
    {
        return workers;
    }

    /**
     * The genesis this node runs.
     *
     * @return genesis.
     */
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
     * The EIP-712 domain separator of the node's engine, for clients that sign.
     *
     * @return 32 bytes.
     */
    public byte[] domainSeparator()
    {
        return engine.domainSeparator();
    }

    @Override
    public void close()
    {
        api.close();
        hub.close();
        sequencer.close();
        workers.shutdown();
        try
        {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
