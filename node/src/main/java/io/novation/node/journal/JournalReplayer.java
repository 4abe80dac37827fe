package io.novation.node.journal;

import io.novation.core.codec.BinaryReader;
import io.novation.core.command.SealBatch;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.node.sequencer.JournalPayload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-executes a journal: reads its records in sequence order, decodes each payload ({@link JournalPayload}), applies
 * the command to an engine and tells every {@link JournalObserver} about the record, its events and the batches it
 * seals. The one replay loop of the node's audit, the demo's journal audit and the journal benchmark. Without an
 * engine it only decodes, as recovery does before it applies. One thread uses it.
 */
public final class JournalReplayer
{
    private final ClearingEngine engine;
    private final EventLog events = new EventLog();
    private final List<JournalObserver> observers = new ArrayList<>();
    private final BinaryReader reader = new BinaryReader(new byte[0]);
    private final ReplayedRecord record = new ReplayedRecord();
    private long upTo = Long.MAX_VALUE;

    private JournalReplayer(final ClearingEngine engine)
    {
        this.engine = engine;
        if (engine != null)
        {
            engine.eventSink(events);
        }
    }

    /**
     * A replayer that applies every record to an engine; the engine's events go to the observers from now on.
     *
     * @param engine the engine, at the state before the first record to replay (a fresh one for genesis).
     * @return the replayer.
     */
    public static JournalReplayer applyingTo(final ClearingEngine engine)
    {
        return new JournalReplayer(engine);
    }

    /**
     * A replayer that only reads and decodes the records.
     *
     * @return the replayer.
     */
    public static JournalReplayer decodingOnly()
    {
        return new JournalReplayer(null);
    }

    /**
     * Adds an observer; observers are called in the order they were added.
     *
     * @param observer the observer.
     * @return this replayer.
     */
    public JournalReplayer observe(final JournalObserver observer)
    {
        observers.add(observer);
        return this;
    }

    /**
     * Replays the committed records of a journal directory up to the first fault (recovery has refused damage).
     *
     * @param directory the journal's directory.
     * @param after     records up to this sequence are skipped (the engine's sequence).
     * @param last      the last record to replay.
     * @return the sequence of the last valid record read.
     */
    public long replay(final Path directory, final long after, final long last)
    {
        upTo = last;
        return Journal.replay(directory, after, last, this::onRecord);
    }

    /**
     * Replays the committed records after a sequence through a {@link JournalTail}, which resumes where its last
     * step ended instead of re-reading the current segment (for a reader that follows a growing journal).
     *
     * @param tail  the tail over the journal's directory.
     * @param after records up to this sequence are skipped (the engine's sequence).
     * @param last  the last record to replay.
     * @return the sequence of the last valid record read.
     */
    public long replay(final JournalTail tail, final long after, final long last)
    {
        upTo = last;
        return tail.replay(after, last, this::onRecord);
    }

    /**
     * Replays a journal directory from genesis up to a sequence, reading every record to the end and reporting the
     * first damage, as an audit does (records after {@code last} are read but not applied).
     *
     * @param directory the journal's directory.
     * @param last      the last record to replay.
     * @return null when every segment reads to its end; else the damage found.
     */
    public String replayChecked(final Path directory, final long last)
    {
        upTo = last;
        return Journal.replayChecked(directory, this::onRecord);
    }

    /**
     * The engine the records are applied to.
     *
     * @return the engine, or null when decoding only.
     */
    public ClearingEngine engine()
    {
        return engine;
    }

    private void onRecord(final long sequence, final byte[] buffer, final int offset, final int length)
    {
        if (sequence > upTo)
        {
            return;
        }
        record.set(sequence, buffer, offset, length, JournalPayload.read(reader.wrap(buffer, offset, length)));
        for (int i = 0; i < observers.size(); i++)
        {
            observers.get(i).beforeCommand(record, engine);
        }
        if (engine == null)
        {
            afterCommand(false);
            return;
        }
        final SealBatch seal = record.command() instanceof SealBatch s && s.header() != null ? s : null;
        final List<PendingWithdrawals.Entry> withdrawals = seal == null ? null :
            List.copyOf(engine.state().pendingWithdrawals().entries());
        final boolean applied = engine.apply(record.command());
        final List<Event> raised = events.events();
        for (int e = 0; e < raised.size(); e++)
        {
            for (int i = 0; i < observers.size(); i++)
            {
                observers.get(i).onEvent(record, raised.get(e));
            }
        }
        if (seal != null)
        {
            final Event.Rejected rejection = !applied && events.last() instanceof Event.Rejected r ? r : null;
            for (int i = 0; i < observers.size(); i++)
            {
                observers.get(i).onBatch(record, seal, withdrawals, applied, rejection);
            }
        }
        events.clear();
        afterCommand(applied);
    }

    private void afterCommand(final boolean applied)
    {
        for (int i = 0; i < observers.size(); i++)
        {
            observers.get(i).afterCommand(record, applied, engine);
        }
    }
}
