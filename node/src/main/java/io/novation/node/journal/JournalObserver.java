package io.novation.node.journal;

import io.novation.core.command.SealBatch;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.event.Event;

import java.util.List;

/**
 * Watches a {@link JournalReplayer} re-execute a journal: each record before and after its command is applied, each
 * event the command raised, and each batch a {@code sealBatch} record sealed. Every method does nothing by default.
 */
public interface JournalObserver
{
    /**
     * A record is about to be applied; the engine holds the state before it.
     *
     * @param record the record.
     * @param engine the engine, or null when the replayer only decodes.
     */
    default void beforeCommand(final ReplayedRecord record, final ClearingEngine engine)
    {
    }

    /**
     * One event of the record's command, in order, once it was applied.
     *
     * @param record the record.
     * @param event  the event.
     */
    default void onEvent(final ReplayedRecord record, final Event event)
    {
    }

    /**
     * A record's command was applied (or rejected by the engine), after its events.
     *
     * @param record  the record.
     * @param applied whether the engine applied it (false when the replayer only decodes).
     * @param engine  the engine, or null when the replayer only decodes.
     */
    default void afterCommand(final ReplayedRecord record, final boolean applied, final ClearingEngine engine)
    {
    }

    /**
     * A {@code sealBatch} record with a header was applied, before {@link #afterCommand}.
     *
     * @param record      the record.
     * @param seal        its command.
     * @param withdrawals the withdrawals the batch queued, as they stood before the seal, in id order.
     * @param applied     whether the engine accepted the seal (its header is the state's).
     * @param rejection   the engine's rejection of the seal, or null.
     */
    default void onBatch(final ReplayedRecord record, final SealBatch seal,
        final List<PendingWithdrawals.Entry> withdrawals, final boolean applied, final Event.Rejected rejection)
    {
    }
}
