package io.novation.node.history;

import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EngineConfig;
import io.novation.core.event.EventSink;
import io.novation.node.journal.JournalReplayer;

import java.nio.file.Path;

/**
 * Rebuilds a history database from a journal alone: empties it, re-executes every record from genesis in a fresh
 * engine and ingests the events, committing in batches as the live service does.
 */
public final class HistoryRebuild
{
    private HistoryRebuild()
    {
    }

    /**
     * What a rebuild did.
     *
     * @param records         journal records replayed.
     * @param events          events ingested.
     * @param rows            rows written.
     * @param appliedSequence the watermark at the end.
     * @param millis          wall time taken, ms.
     */
    public record Result(long records, long events, long rows, long appliedSequence, long millis)
    {
    }

    /**
     * Empties a database and refills it from a journal.
     *
     * @param database         the history database.
     * @param config           the engine's configuration at genesis.
     * @param journalDirectory the journal.
     * @return what was done.
     */
    public static Result run(final HistoryDatabase database, final EngineConfig config, final Path journalDirectory)
    {
        final long start = System.nanoTime();
        database.reset();
        try (HistoryIngest ingest = new HistoryIngest(database))
        {
            final ClearingEngine engine = new ClearingEngine(config, EventSink.NONE);
            JournalReplayer.applyingTo(engine).observe(ingest).replay(journalDirectory, 0, Long.MAX_VALUE);
            ingest.flush();
            return new Result(engine.state().sequence(), ingest.eventsIngested(), ingest.rowsWritten(),
                ingest.committedSequence(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
