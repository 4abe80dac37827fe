package io.novation.sim.demo;

import io.novation.core.command.Command;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.ClearingState;
import io.novation.core.event.Event;

import java.util.List;

/**
 * A reader of the journal's re-execution in {@link JournalAudit}: it is told of every journal record before and after
 * the replaying engine applies it, of every event the record raised, of the end of every minute of the window, of
 * every batch boundary the node sealed and of the end of the replay; sequences are journal sequences, times epoch ms,
 * money quote quantums (1e-6 USDC); listeners are registered with {@link JournalAudit#listen} and
 * called in the order registered, and every method does nothing by default.
 */
public interface ReplayListener
{
    /**
     * Whether an event belongs to this listener alone: a claimed event is left out of the audit's per-market figures
     * (the options' events, which are not those of a perpetual market). Called before {@link #onEvent}; it must not
     * change the listener.
     *
     * @param event the event.
     * @return true to claim it.
     */
    default boolean claims(final Event event)
    {
        return false;
    }

    /**
     * A record is about to be applied; the engine holds the state before it.
     *
     * @param sequence the record's sequence.
     * @param command  its command, at its sequencer time.
     * @param engine   the replaying engine.
     */
    default void beforeCommand(final long sequence, final Command command, final ClearingEngine engine)
    {
    }

    /**
     * One event of the record's command, in order, once the command was applied.
     *
     * @param sequence the record's sequence.
     * @param event    the event.
     * @param engine   the replaying engine, holding the state after the command.
     */
    default void onEvent(final long sequence, final Event event, final ClearingEngine engine)
    {
    }

    /**
     * A record was applied (or rejected by the engine), after its events and after the batch boundary it closes.
     *
     * @param sequence the record's sequence.
     * @param command  its command.
     * @param applied  whether the engine applied it.
     * @param engine   the replaying engine, holding the state after the record.
     */
    default void afterCommand(final long sequence, final Command command, final boolean applied,
        final ClearingEngine engine)
    {
    }

    /**
     * A minute of the window ended: the state is the one before the first command of a later minute (or at the end of
     * the journal).
     *
     * @param minute the minute's index in the window, from 0.
     * @param state  the replayed state.
     */
    default void onMinuteEnd(final int minute, final ClearingState state)
    {
    }

    /**
     * The replay reached the last command of a batch the node sealed, after the audit's own checks of it.
     *
     * @param batch  the batch as the node sealed it.
     * @param engine the replaying engine, holding the state at the batch's end.
     */
    default void onBatchSealed(final BatchSealer.Batch batch, final ClearingEngine engine)
    {
    }

    /**
     * The journal's last record was replayed and the last minute recorded.
     *
     * @param engine   the replaying engine, holding the final state.
     * @param failures the audit's failures, to which the listener appends the invariants it found broken.
     */
    default void onFinished(final ClearingEngine engine, final List<String> failures)
    {
    }
}
