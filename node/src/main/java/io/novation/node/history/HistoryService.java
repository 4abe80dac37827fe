package io.novation.node.history;

import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.journal.JournalObserver;
import io.novation.node.journal.JournalReplayer;
import io.novation.node.journal.JournalTail;
import io.novation.node.journal.ReplayedRecord;
import io.novation.node.sequencer.OrderDigestRelay;
import io.novation.node.snapshot.SnapshotStore;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Keeps a node's history database up to date from its journal, on a thread of its own (never the engine's): a replica
 * engine, restored from the newest snapshot at or before the database's watermark, re-executes the durable journal
 * records after it and a {@link HistoryIngest} writes their events. After a restart it resumes from the watermark.
 * Given the node's {@link OrderDigestRelay}, the replica takes each fill's order digests from the node's own
 * verification instead of hashing the orders a second time.
 */
public final class HistoryService implements AutoCloseable
{
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** At most ten passes a second, so that each commits a group of records rather than one. */
    private static final long PASS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HistoryDatabase database;
    private final HistoryQueries queries;
    private final EngineConfig config;
    private final SnapshotStore snapshots;
    private final Path journalDirectory;
    private final LongSupplier durableSequence;
    private final Thread thread;
    private final OrderDigestRelay digests;
    private volatile long reusedDigests;
    private volatile long appliedSequence;
    private volatile String failure;
    private volatile boolean running = true;

    private HistoryService(final HistoryDatabase database, final EngineConfig config, final SnapshotStore snapshots,
        final Path journalDirectory, final LongSupplier durableSequence, final OrderDigestRelay digests)
    {
        this.digests = digests;
        this.database = database;
        this.queries = new HistoryQueries(database, this::appliedSequence);
        this.config = config;
        this.snapshots = snapshots;
        this.journalDirectory = journalDirectory;
        this.durableSequence = durableSequence;
        this.thread = new Thread(this::run, "novation-history");
        this.thread.setDaemon(true);
    }

    /**
     * Opens the database and starts following the journal.
     *
     * @param url              the history database's JDBC URL.
     * @param config           the engine's configuration at genesis.
     * @param snapshots        the node's snapshots (a replica starts from one), or null to start from genesis.
     * @param journalDirectory the node's journal.
     * @param durableSequence  the last durable journal sequence, read by the history's thread.
     * @return the running service.
     */
    public static HistoryService start(final String url, final EngineConfig config, final SnapshotStore snapshots,
        final Path journalDirectory, final LongSupplier durableSequence)
    {
        return start(url, config, snapshots, journalDirectory, durableSequence, null);
    }

    /**
     * Opens the database and starts following the journal, reusing the order digests the node's sequencer relays.
     *
     * @param url              the history database's JDBC URL.
     * @param config           the engine's configuration at genesis.
     * @param snapshots        the node's snapshots (a replica starts from one), or null to start from genesis.
     * @param journalDirectory the node's journal.
     * @param durableSequence  the last durable journal sequence, read by the history's thread.
     * @param digests          the digests of the fills' orders as the node sequenced them, or null to hash every
     *                         order again.
     * @return the running service.
     */
    public static HistoryService start(final String url, final EngineConfig config, final SnapshotStore snapshots,
        final Path journalDirectory, final LongSupplier durableSequence, final OrderDigestRelay digests)
    {
        final HistoryService service = new HistoryService(HistoryDatabase.open(url), config, snapshots,
            journalDirectory, durableSequence, digests);
        service.thread.start();
        return service;
    }

    /**
     * Orders whose digest the replica took from the relay rather than hashing them again; readable from any thread.
     *
     * @return a count.
     */
    public long reusedDigests()
    {
        return reusedDigests;
    }

    /**
     * The last journal sequence whose history is committed and visible to queries.
     *
     * @return sequence.
     */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * Why ingestion stopped, if it did.
     *
     * @return null while it runs.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * The read side.
     *
     * @return the queries.
     */
    public HistoryQueries queries()
    {
        return queries;
    }

    /**
     * The database.
     *
     * @return the database.
     */
    public HistoryDatabase database()
    {
        return database;
    }

    private void run()
    {
        try (HistoryIngest ingest = new HistoryIngest(database))
        {
            appliedSequence = ingest.committedSequence();
            final ClearingEngine replica = replicaAt(ingest.committedSequence());
            final JournalReplayer replayer = JournalReplayer.applyingTo(replica);
            if (digests != null)
            {
                replayer.observe(new JournalObserver()
                {
                    @Override
                    public void beforeCommand(final ReplayedRecord record, final ClearingEngine engine)
                    {
                        if (record.command() instanceof SettleTrade fill)
                        {
                            reusedDigests += digests.reuse(record.sequence(), fill);
                        }
                    }
                });
            }
            replayer.observe(ingest);
            final JournalTail tail = new JournalTail(journalDirectory);
            long at = replica.state().sequence();
            long lastPass = System.nanoTime() - PASS_INTERVAL_NANOS;
            while (running)
            {
                final long target = durableSequence.getAsLong();
                if (target <= at || System.nanoTime() - lastPass < PASS_INTERVAL_NANOS)
                {
                    LockSupport.parkNanos(IDLE_NANOS);
                    continue;
                }
                lastPass = System.nanoTime();
                final long read = replayer.replay(tail, at, target);
                if (read < target || replica.state().sequence() != target)
                {
                    throw new IllegalStateException("the journal ends at " + replica.state().sequence() +
                        ", before the durable sequence " + target);
                }
                at = target;
                ingest.flush();
                appliedSequence = ingest.committedSequence();
            }
        }
        catch (final RuntimeException ex)
        {
            failure = String.valueOf(ex.getMessage());
            if (running)
            {
                System.err.println("novation history: ingestion stopped: " + failure);
            }
        }
    }

    private ClearingEngine replicaAt(final long watermark)
    {
        final SnapshotStore.Loaded loaded = snapshots == null ? null : snapshots.loadNewestAtOrBefore(watermark);
        return loaded == null ? new ClearingEngine(config, EventSink.NONE) :
            SnapshotCodec.read(loaded.engineSnapshot(), config, EventSink.NONE);
    }

    /**
     * Waits until the history has applied a sequence (for tests and tools).
     *
     * @param sequence  the sequence.
     * @param timeoutMs the longest wait.
     * @return true when applied in time.
     */
    public boolean awaitApplied(final long sequence, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (appliedSequence < sequence)
        {
            if (failure != null || System.nanoTime() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(IDLE_NANOS);
        }
        return true;
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
