package io.novation.node.server;

import io.novation.core.codec.BinaryReader;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.event.EventSink;
import io.novation.core.snapshot.SnapshotCodec;
import io.novation.node.journal.Journal;
import io.novation.node.sequencer.JournalPayload;
import io.novation.node.snapshot.SnapshotStore;
import io.novation.node.stream.EventHistory;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Re-derives past events: restores the newest snapshot at or before the first sequence wanted (or genesis), replays
 * the journal into that scratch engine, and hands over the events of the wanted sequences.
 */
final class JournalEventHistory implements EventHistory
{
    private final EngineConfig config;
    private final SnapshotStore snapshots;
    private final Path journalDirectory;

    JournalEventHistory(final EngineConfig config, final SnapshotStore snapshots, final Path journalDirectory)
    {
        this.config = config;
        this.snapshots = snapshots;
        this.journalDirectory = journalDirectory;
    }

    @Override
    public void replay(final long after, final long upTo, final Consumer<Event> consumer)
    {
        final SnapshotStore.Loaded loaded = snapshots.loadNewestAtOrBefore(after);
        final EventLog events = new EventLog();
        final ClearingEngine engine = loaded == null ? new ClearingEngine(config, EventSink.NONE) :
            SnapshotCodec.read(loaded.engineSnapshot(), config, EventSink.NONE);
        engine.eventSink(events);
        final BinaryReader reader = new BinaryReader(new byte[0]);
        Journal.replay(journalDirectory, engine.state().sequence(), upTo, (sequence, buffer, offset, length) ->
        {
            engine.apply(JournalPayload.read(reader.wrap(buffer, offset, length)).command());
            if (sequence > after)
            {
                for (final Event event : events.events())
                {
                    consumer.accept(event);
                }
            }
            events.clear();
        });
    }
}
