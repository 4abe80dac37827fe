package io.novation.node.sequencer;

import io.novation.core.command.SettleTrade;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.EventLog;
import io.novation.node.batch.BatchStore;
import io.novation.node.batch.SealedBatch;
import io.novation.node.journal.Journal;
import io.novation.node.metrics.NodeMetrics;
import io.novation.node.snapshot.SnapshotStore;
import io.novation.node.stream.EventHub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The single thread that owns the engine. It takes verified submissions and queries from a bounded queue, in arrival
 * order; assigns each command its sequencer time (epoch ms); applies it; appends it to the journal; and, once a group
 * of commands has been forced to disk with one fsync, acknowledges them and publishes their events. Queries run on the
 * same thread between groups, so they read a consistent state that is entirely durable. Every N commands, and on
 * close, it writes a snapshot.
 * <p>
 * <b>Time, nonces and batches</b> follow the {@link SequencingPolicy} shared with cluster members, with the wall
 * clock as its time source; a command it refuses ({@code TIME_NOT_MONOTONIC}, {@code TIME_IN_FUTURE},
 * {@code AUTHORITY_NONCE_REUSED}) is not sequenced, and one the engine rejects does not advance the clock. While no
 * command arrives, a batch due by time is sealed too.
 */
public final class Sequencer implements AutoCloseable
{
    private static final Object STOP = new Object();
    private static final int MAX_GROUP = 65_536;
    /**
     * Commands of a drained group whose rows are requested from memory together, just before they are applied: rows
     * read further ahead (while earlier commands are applied) were measured no faster than none read ahead.
     */
    private static final int PREFETCH_GROUP = 8;

    private final ClearingEngine engine;
    private final Journal journal;
    private final SnapshotStore snapshots;
    private final EventHub hub;
    private final NodeMetrics metrics;
    private final long snapshotEvery;
    private final BlockingQueue<Object> queue;
    private final EventLog events = new EventLog();
    private final SequencingPolicy policy;
    private final SequencedEngine sequenced;
    private final List<Batch> pending = new ArrayList<>();
    private final List<Object> drained = new ArrayList<>();
    private final Thread thread;
    private long lastSnapshotSequence;
    // Where the read-ahead over the drained group stands: the next task and item to request, and how many requested
    // fills are still to be applied.
    private int prefetchTask;
    private int prefetchItem;
    private int prefetchedAhead;
    private long prefetchedWords;
    private final BatchStore batchStore;
    private final List<SealedBatch> sealedUnflushed = new ArrayList<>();
    private volatile OrderDigestRelay digestRelay;
    private volatile boolean accepting = true;
    private volatile Throwable failure;

    private record Batch(List<Submission> items, boolean withEvents, long arrivalNanos,
        CompletableFuture<List<CommandOutcome>> future, List<CommandOutcome> outcomes)
    {
    }

    private record Query<T>(Function<ClearingEngine, T> function, CompletableFuture<T> future)
    {
        void run(final ClearingEngine engine)
        {
            try
            {
                future.complete(function.apply(engine));
            }
            catch (final Throwable ex)
            {
                future.completeExceptionally(ex);
            }
        }
    }

    /**
     * A sequencer over a recovered engine; starts its thread.
     *
     * @param engine         the engine, in trusted signature mode, recovered up to the journal's last record.
     * @param journal        the journal, positioned after the engine's last command.
     * @param snapshots      where snapshots go.
     * @param hub            receives durable events.
     * @param metrics        the metrics.
     * @param wallClock      epoch ms.
     * @param snapshotEvery  commands between snapshots.
     * @param maxFutureMs    how far ahead of the wall clock an explicit time may be.
     * @param authorityNonce the last governance nonce sequenced.
     * @param queueCapacity  requests that may wait; beyond, submissions are refused as overloaded.
     */
    public Sequencer(final ClearingEngine engine, final Journal journal, final SnapshotStore snapshots,
        final EventHub hub, final NodeMetrics metrics, final LongSupplier wallClock, final long snapshotEvery,
        final long maxFutureMs, final long authorityNonce, final int queueCapacity)
    {
        this(engine, journal, snapshots, hub, metrics, wallClock, snapshotEvery, maxFutureMs, maxFutureMs,
            authorityNonce, queueCapacity, null, 0, 0);
    }

    /**
     * A sequencer that also seals batches; starts its thread.
     *
     * @param engine            the engine, in trusted signature mode, recovered up to the journal's last record.
     * @param journal           the journal, positioned after the engine's last command.
     * @param snapshots         where snapshots go.
     * @param hub               receives durable events.
     * @param metrics           the metrics.
     * @param wallClock         epoch ms.
     * @param snapshotEvery     commands between snapshots.
     * @param maxFutureMs       how far ahead of the wall clock a governance or bridge command's explicit time may be.
     * @param maxOwnerFutureMs  how far ahead of the wall clock any other command's explicit time may be.
     * @param authorityNonce    the last governance nonce sequenced.
     * @param queueCapacity     requests that may wait; beyond, submissions are refused as overloaded.
     * @param batchStore        receives each sealed batch once durable, or null to seal nothing.
     * @param sealEveryCommands seal after this many commands (0: no count limit).
     * @param sealEveryMs       seal once this much sequencer time passed since the last seal (0: no time limit).
     */
    public Sequencer(final ClearingEngine engine, final Journal journal, final SnapshotStore snapshots,
        final EventHub hub, final NodeMetrics metrics, final LongSupplier wallClock, final long snapshotEvery,
        final long maxFutureMs, final long maxOwnerFutureMs, final long authorityNonce, final int queueCapacity,
        final BatchStore batchStore, final long sealEveryCommands, final long sealEveryMs)
    {
        if (journal.lastSequence() != engine.state().sequence())
        {
            throw new IllegalStateException("the engine is at " + engine.state().sequence() + " and the journal at " +
                journal.lastSequence());
        }
        this.engine = engine;
        this.journal = journal;
        this.snapshots = snapshots;
        this.hub = hub;
        this.metrics = metrics;
        this.snapshotEvery = snapshotEvery;
        // The newest snapshot on disk, not the engine's sequence: after a journal replay the engine is ahead of it.
        this.lastSnapshotSequence = snapshots.newestSequence();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchStore = batchStore;
        final BatchSchedule schedule = batchStore == null ? BatchSchedule.never() :
            new BatchSchedule(sealEveryCommands, sealEveryMs, engine.state().time());
        schedule.resume(journal, engine.state().lastBatchSequence(), Long.MAX_VALUE);
        this.policy = new SequencingPolicy(wallClock, maxFutureMs, maxOwnerFutureMs, schedule,
            engine.state().time(), authorityNonce);
        this.sequenced = new SequencedEngine(engine, events, policy, journal);
        engine.eventSink(events);
        metrics.gauge("novation_sequence", () -> journal.lastSequence());
        metrics.gauge("novation_journal_durable_sequence", journal::durableSequence);
        metrics.gauge("novation_journal_lag_commands", () -> journal.lastSequence() - journal.durableSequence());
        metrics.gauge("novation_sequencer_queue_depth", queue::size);
        this.thread = new Thread(this::run, "novation-sequencer");
        this.thread.start();
    }

    /**
     * Queues verified submissions; the future completes once they are durable (or refused at sequencing).
     *
     * @param items        the submissions, applied in order and consecutively.
     * @param withEvents   whether the outcomes carry their events.
     * @param arrivalNanos {@link System#nanoTime()} when the request arrived, for the latency histogram.
     * @return one outcome per submission.
     */
    public CompletableFuture<List<CommandOutcome>> submit(final List<Submission> items, final boolean withEvents,
        final long arrivalNanos)
    {
        final CompletableFuture<List<CommandOutcome>> future = new CompletableFuture<>();
        if (!accepting || failure != null)
        {
            future.completeExceptionally(new Refusal(503, "UNAVAILABLE", "the node is stopping or failed"));
        }
        else if (!queue.offer(new Batch(items, withEvents, arrivalNanos, future, new ArrayList<>(items.size()))))
        {
            future.completeExceptionally(new Refusal(503, "OVERLOADED", "the sequencer queue is full; retry",
                -1, 1));
        }
        return future;
    }

    /**
     * Runs a read of the engine on the engine thread, between groups of commands.
     *
     * @param function the read; must not modify the engine or keep references to its mutable objects.
     * @param <T>      result type.
     * @return the result.
     */
    public <T> CompletableFuture<T> query(final Function<ClearingEngine, T> function)
    {
        final CompletableFuture<T> future = new CompletableFuture<>();
        if (!accepting || failure != null)
        {
            future.completeExceptionally(new Refusal(503, "UNAVAILABLE", "the node is stopping or failed"));
        }
        else
        {
            try
            {
                if (!queue.offer(new Query<>(function, future), 1, TimeUnit.SECONDS))
                {
                    future.completeExceptionally(new Refusal(503, "OVERLOADED",
                        "the sequencer queue is full", -1, 1));
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                future.completeExceptionally(ex);
            }
        }
        return future;
    }

    /**
     * Whether the engine thread is healthy.
     *
     * @return false after an I/O failure of the journal.
     */
    public boolean healthy()
    {
        return failure == null && thread.isAlive();
    }

    private void run()
    {
        try
        {
            boolean stop = false;
            while (!stop)
            {
                final Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null)
                {
                    if (sequenced.applyDueChangesWhenIdle() > 0)
                    {
                        flush();
                    }
                    if (policy.sealDueWhenIdle())
                    {
                        // Stamped with the last assigned time, so that clients that send explicit times are not
                        // pushed ahead by an idle seal.
                        seal();
                        flush();
                    }
                    continue;
                }
                drained.clear();
                drained.add(first);
                queue.drainTo(drained, MAX_GROUP);
                prefetchTask = 0;
                prefetchItem = 0;
                prefetchedAhead = 0;
                for (int i = 0; i < drained.size(); i++)
                {
                    final Object task = drained.get(i);
                    if (task == STOP)
                    {
                        stop = true;
                    }
                    else if (task instanceof Batch batch)
                    {
                        sequence(batch);
                    }
                    else if (task instanceof Query<?> query)
                    {
                        flush();
                        query.run(engine);
                    }
                }
                flush();
                if (engine.state().sequence() - lastSnapshotSequence >= snapshotEvery)
                {
                    snapshot();
                }
            }
            flush();
            if (engine.state().sequence() != lastSnapshotSequence)
            {
                snapshot();
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
            System.err.println("novation node: the engine thread failed, commands are refused from now on: " + ex);
            ex.printStackTrace();
            accepting = false;
            for (final Batch batch : pending)
            {
                batch.future().completeExceptionally(ex);
            }
            pending.clear();
        }
        finally
        {
            final List<Object> left = new ArrayList<>();
            queue.drainTo(left);
            for (final Object task : left)
            {
                if (task instanceof Batch batch)
                {
                    batch.future().completeExceptionally(new Refusal(503, "UNAVAILABLE", "the node stopped"));
                }
                else if (task instanceof Query<?> query)
                {
                    query.future().completeExceptionally(new Refusal(503, "UNAVAILABLE", "the node stopped"));
                }
            }
        }
    }

    /**
     * Hands the order digests of every fill sequenced from now on to a follower of the journal in this process.
     *
     * @param relay the relay, or null to hand over none.
     */
    public void relayOrderDigests(final OrderDigestRelay relay)
    {
        digestRelay = relay;
    }

    private void sequence(final Batch batch)
    {
        final List<Submission> items = batch.items();
        final OrderDigestRelay relay = digestRelay;
        for (int i = 0; i < items.size(); i++)
        {
            final Submission submission = items.get(i);
            if (prefetchedAhead <= 0)
            {
                prefetchAhead();
            }
            prefetchedAhead--;
            final CommandOutcome outcome = sequenced.sequence(submission.command(), submission.explicitTime(),
                submission.authorityNonce(), batch.withEvents());
            batch.outcomes().add(outcome);
            if (relay != null && outcome.sequence() != 0 && submission.command() instanceof SettleTrade fill)
            {
                relay.sequenced(outcome.sequence(), fill);
            }
            if (outcome.refusal() != null)
            {
                metrics.refused(outcome.code());
            }
            else if (outcome.applied())
            {
                metrics.applied(1);
            }
            else
            {
                metrics.rejected(outcome.code());
            }
            if (outcome.sequence() != 0 && policy.sealDueAfterCommand())
            {
                seal();
            }
        }
        pending.add(batch);
    }

    /**
     * Requests from memory the rows of the drained group's next {@link #PREFETCH_GROUP} commands (see
     * {@link ClearingEngine#prefetch}), so that their cache misses overlap; the commands are then applied in order as
     * before, with the same outcomes, and the next ones are requested once these are applied.
     */
    private void prefetchAhead()
    {
        long words = 0;
        while (prefetchedAhead < PREFETCH_GROUP && prefetchTask < drained.size())
        {
            if (drained.get(prefetchTask) instanceof Batch batch && prefetchItem < batch.items().size())
            {
                words += engine.prefetch(batch.items().get(prefetchItem++).command());
                prefetchedAhead++;
            }
            else
            {
                prefetchTask++;
                prefetchItem = 0;
            }
        }
        prefetchedWords += words;
    }

    /** Seals the open batch, journaled like any command; the batch is stored once the group is durable. */
    private void seal()
    {
        sealedUnflushed.add(sequenced.seal());
        metrics.applied(1);
    }

    private void flush()
    {
        if (pending.isEmpty() && sealedUnflushed.isEmpty() && events.events().isEmpty())
        {
            return;
        }
        final long start = System.nanoTime();
        journal.commit();
        final long end = System.nanoTime();
        metrics.fsyncLatency().record(end - start);
        metrics.committed();
        hub.publish(journal.durableSequence(), events.events());
        events.clear();
        for (int i = 0; i < sealedUnflushed.size(); i++)
        {
            batchStore.add(sealedUnflushed.get(i));
        }
        sealedUnflushed.clear();
        for (int i = 0; i < pending.size(); i++)
        {
            final Batch batch = pending.get(i);
            batch.future().complete(batch.outcomes());
            metrics.commandLatency().record(System.nanoTime() - batch.arrivalNanos());
        }
        pending.clear();
    }

    private void snapshot()
    {
        try
        {
            snapshots.write(engine, policy.authorityNonce());
            lastSnapshotSequence = engine.state().sequence();
            metrics.snapshotWritten();
        }
        catch (final java.io.IOException ex)
        {
            System.err.println("novation node: snapshot failed: " + ex.getMessage());
        }
    }

    /**
     * Stops taking requests, sequences what is queued, writes a snapshot and closes the journal.
     */
    @Override
    public void close()
    {
        accepting = false;
        try
        {
            while (thread.isAlive() && !queue.offer(STOP, 100, TimeUnit.MILLISECONDS))
            {
                Thread.onSpinWait();
            }
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
