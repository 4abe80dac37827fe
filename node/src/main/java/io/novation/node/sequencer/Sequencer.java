package io.novation.node.sequencer;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
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
 * <b>Time.</b> A command without a time gets {@code max(wall clock, last assigned time)}: monotonic, never before the
 * engine's time. A command with an explicit time keeps it when it is not before the last assigned time and not more
 * than the allowed skew ahead of the wall clock; otherwise it is refused ({@code TIME_NOT_MONOTONIC},
 * {@code TIME_IN_FUTURE}) without being sequenced.
 */
public final class Sequencer implements AutoCloseable
{
    private static final Object STOP = new Object();
    private static final int MAX_GROUP = 65_536;

    private final ClearingEngine engine;
    private final Journal journal;
    private final SnapshotStore snapshots;
    private final EventHub hub;
    private final NodeMetrics metrics;
    private final LongSupplier wallClock;
    private final long snapshotEvery;
    private final long maxFutureMs;
    private final BlockingQueue<Object> queue;
    private final EventLog events = new EventLog();
    private final BinaryWriter payload = new BinaryWriter(1024);
    private final List<Batch> pending = new ArrayList<>();
    private final List<Object> drained = new ArrayList<>();
    private final Thread thread;
    private long lastTime;
    private long authorityNonce;
    private long lastSnapshotSequence;
    private final io.novation.node.batch.BatchStore batchStore;
    private final long sealEveryCommands;
    private final long sealEveryMs;
    private final io.novation.core.crypto.Keccak256 commandsHash = new io.novation.core.crypto.Keccak256();
    private final byte[] recordHeader = new byte[12];
    private final List<io.novation.node.batch.SealedBatch> sealedUnflushed = new ArrayList<>();
    private long commandsSinceSeal;
    private long lastSealTime;
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
        this(engine, journal, snapshots, hub, metrics, wallClock, snapshotEvery, maxFutureMs, authorityNonce,
            queueCapacity, null, 0, 0);
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
     * @param maxFutureMs       how far ahead of the wall clock an explicit time may be.
     * @param authorityNonce    the last governance nonce sequenced.
     * @param queueCapacity     requests that may wait; beyond, submissions are refused as overloaded.
     * @param batchStore        receives each sealed batch once durable, or null to seal nothing.
     * @param sealEveryCommands seal after this many commands (0: no count limit).
     * @param sealEveryMs       seal once this much sequencer time passed since the last seal (0: no time limit).
     */
    public Sequencer(final ClearingEngine engine, final Journal journal, final SnapshotStore snapshots,
        final EventHub hub, final NodeMetrics metrics, final LongSupplier wallClock, final long snapshotEvery,
        final long maxFutureMs, final long authorityNonce, final int queueCapacity,
        final io.novation.node.batch.BatchStore batchStore, final long sealEveryCommands, final long sealEveryMs)
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
        this.wallClock = wallClock;
        this.snapshotEvery = snapshotEvery;
        this.maxFutureMs = maxFutureMs;
        this.authorityNonce = authorityNonce;
        this.lastTime = engine.state().time();
        this.lastSnapshotSequence = engine.state().sequence();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchStore = batchStore;
        this.sealEveryCommands = sealEveryCommands;
        this.sealEveryMs = sealEveryMs;
        this.lastSealTime = engine.state().time();
        resumeCommandsHash();
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
            future.completeExceptionally(new Refusal(503, "OVERLOADED", "the sequencer queue is full; retry"));
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
                    future.completeExceptionally(new Refusal(503, "OVERLOADED", "the sequencer queue is full"));
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
                    if (sealDue(Math.max(wallClock.getAsLong(), lastTime)))
                    {
                        // Stamped with the last assigned time, so that clients that send explicit times are not
                        // pushed ahead by an idle seal.
                        seal(lastTime);
                        flush();
                    }
                    continue;
                }
                drained.clear();
                drained.add(first);
                queue.drainTo(drained, MAX_GROUP);
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

    private void sequence(final Batch batch)
    {
        final List<Submission> items = batch.items();
        for (int i = 0; i < items.size(); i++)
        {
            final CommandOutcome outcome = sequence(items.get(i), batch.withEvents());
            batch.outcomes().add(outcome);
            if (outcome.sequence() != 0 && (sealDue(lastTime) ||
                (sealEveryCommands > 0 && commandsSinceSeal >= sealEveryCommands)))
            {
                seal(lastTime);
            }
        }
        pending.add(batch);
    }

    private CommandOutcome sequence(final Submission submission, final boolean withEvents)
    {
        final long now = wallClock.getAsLong();
        final Command command = submission.command();
        final long time;
        if (submission.explicitTime())
        {
            time = command.time();
            if (time < lastTime)
            {
                return refused(new Refusal(409, "TIME_NOT_MONOTONIC", "time " + time +
                    " is before the sequencer's time " + lastTime));
            }
            if (time > now + maxFutureMs)
            {
                return refused(new Refusal(400, "TIME_IN_FUTURE", "time " + time + " is more than " + maxFutureMs +
                    " ms ahead of the sequencer's clock " + now));
            }
        }
        else
        {
            time = Math.max(now, lastTime);
        }
        final long nonce = submission.authorityNonce();
        if (nonce != 0 && nonce <= authorityNonce)
        {
            return refused(new Refusal(409, "AUTHORITY_NONCE_REUSED", "authority nonce " + nonce +
                " is not above the last " + authorityNonce));
        }
        final Command timed = Commands.withTime(command, time);
        final int firstEvent = events.events().size();
        final boolean applied = engine.apply(timed);
        final long sequence = engine.state().sequence();
        lastTime = time;
        if (nonce != 0)
        {
            authorityNonce = nonce;
        }
        payload.reset();
        JournalPayload.write(payload, nonce, timed);
        journal.append(sequence, payload.buffer(), 0, payload.length());
        hashRecord(sequence, payload.buffer(), 0, payload.length());
        String code = null;
        String message = null;
        if (applied)
        {
            metrics.applied(1);
        }
        else
        {
            final Event last = events.last();
            if (last instanceof Event.Rejected rejected)
            {
                code = rejected.code().code();
                message = rejected.message();
            }
            metrics.rejected(code);
        }
        final List<Event> own = withEvents ?
            List.copyOf(events.events().subList(firstEvent, events.events().size())) : List.of();
        return new CommandOutcome(sequence, time, applied, code, message, own, null);
    }

    private CommandOutcome refused(final Refusal refusal)
    {
        metrics.refused(refusal.code());
        return new CommandOutcome(0, 0, false, refusal.code(), refusal.getMessage(), List.of(), refusal);
    }

    private boolean sealDue(final long now)
    {
        return batchStore != null && commandsSinceSeal > 0 && sealEveryMs > 0 && now - lastSealTime >= sealEveryMs;
    }

    private void hashRecord(final long sequence, final byte[] buffer, final int offset, final int length)
    {
        BinaryWriter.putLongAt(recordHeader, 0, sequence);
        BinaryWriter.putIntAt(recordHeader, 8, length);
        commandsHash.update(recordHeader, 0, 12);
        commandsHash.update(buffer, offset, length);
        commandsSinceSeal++;
    }

    private void resumeCommandsHash()
    {
        commandsHash.reset();
        commandsSinceSeal = 0;
        if (batchStore == null)
        {
            return;
        }
        journal.replay(engine.state().lastBatchSequence(), Long.MAX_VALUE, this::hashRecord);
    }

    /**
     * Seals the open batch with a {@code sealBatch} command at a time, journaled like any command; the batch is
     * stored once the group is durable.
     */
    private void seal(final long time)
    {
        final byte[] hash = commandsHash.digest();
        final io.novation.core.commitment.BatchHeader header = engine.nextBatchHeader(hash);
        final List<io.novation.core.engine.PendingWithdrawals.Entry> withdrawals =
            List.copyOf(engine.state().pendingWithdrawals().entries());
        final io.novation.core.command.SealBatch command = new io.novation.core.command.SealBatch(time, header);
        final boolean applied = engine.apply(command);
        final long sequence = engine.state().sequence();
        lastTime = time;
        payload.reset();
        JournalPayload.write(payload, 0, command);
        journal.append(sequence, payload.buffer(), 0, payload.length());
        commandsHash.reset();
        commandsSinceSeal = 0;
        lastSealTime = time;
        if (!applied)
        {
            throw new IllegalStateException("the engine refused the sequencer's own seal of batch " +
                header.batchNumber() + ": " + events.last());
        }
        metrics.applied(1);
        sealedUnflushed.add(new io.novation.node.batch.SealedBatch(sequence, header, withdrawals));
    }

    private void flush()
    {
        if (pending.isEmpty() && sealedUnflushed.isEmpty())
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
            snapshots.write(engine, authorityNonce);
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
