package io.novation.node.server;

import io.novation.core.engine.ClearingEngine;
import io.novation.core.event.Event;
import io.novation.node.stream.EventHub;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A copy-on-write reference to an immutable snapshot of the engine's definitions (assets, markets, option series,
 * oracles), for decoding commands on the I/O threads without a trip to the engine thread: the snapshot is rebuilt
 * on the engine thread whenever a durable group of events holds one that may change a definition, before the
 * outcomes of its commands are returned, so a client that saw its definition applied decodes against it.
 *
 * @param <D> the snapshot's type; it must be immutable.
 */
public final class LiveDefinitions<D>
{
    private final ClearingEngine engine;
    private final Function<ClearingEngine, D> snapshot;
    private final BiFunction<D, ClearingEngine, D> renumbered;
    private volatile long renumbers;
    private volatile D current;
    private volatile long time;
    private volatile long rebuilds;

    private LiveDefinitions(final ClearingEngine engine, final Function<ClearingEngine, D> snapshot,
        final BiFunction<D, ClearingEngine, D> renumbered)
    {
        this.engine = engine;
        this.snapshot = snapshot;
        this.renumbered = renumbered;
    }

    /**
     * Keeps a snapshot of a host's definitions: observes the host's durable events and asks for the first snapshot
     * on the engine thread without waiting for it ({@link #current()} is null until it is taken).
     *
     * @param host     the host of the engine; its event hub must exist.
     * @param snapshot builds the immutable snapshot from the engine, on the engine thread.
     * @param <D>      the snapshot's type.
     * @return the live reference.
     */
    public static <D> LiveDefinitions<D> attach(final EngineHost host, final Function<ClearingEngine, D> snapshot)
    {
        return attach(host, snapshot, null);
    }

    /**
     * Keeps a snapshot of a host's definitions as {@link #attach(EngineHost, Function)} does, except that a group whose
     * only events that may change it are deposits (which move only the last deposit id) has the snapshot renumbered
     * rather than taken again.
     *
     * @param host       the host of the engine; its event hub must exist.
     * @param snapshot   builds the immutable snapshot from the engine, on the engine thread.
     * @param renumbered the snapshot given with the engine's request ids (the last deposit id), on the engine thread;
     *                   null to take the snapshot again after a deposit too.
     * @param <D>        the snapshot's type.
     * @return the live reference.
     */
    public static <D> LiveDefinitions<D> attach(final EngineHost host, final Function<ClearingEngine, D> snapshot,
        final BiFunction<D, ClearingEngine, D> renumbered)
    {
        final LiveDefinitions<D> live = new LiveDefinitions<>(host.engine(), snapshot, renumbered);
        host.hub().observeExceptFills(live::onDurable);
        host.query(engine ->
        {
            live.rebuild();
            return null;
        });
        return live;
    }

    /**
     * Keeps a snapshot of an engine's definitions as {@link #attach(EngineHost, Function, BiFunction)} does, for a
     * caller on the engine's thread (or before the engine runs): observes the hub and takes the first snapshot now.
     *
     * @param hub        the hub that publishes the engine's durable events.
     * @param engine     the engine.
     * @param snapshot   builds the immutable snapshot from the engine.
     * @param renumbered the snapshot given with the engine's request ids; null to take it again after a deposit.
     * @param <D>        the snapshot's type.
     * @return the live reference.
     */
    public static <D> LiveDefinitions<D> follow(final EventHub hub, final ClearingEngine engine,
        final Function<ClearingEngine, D> snapshot, final BiFunction<D, ClearingEngine, D> renumbered)
    {
        final LiveDefinitions<D> live = new LiveDefinitions<>(engine, snapshot, renumbered);
        hub.observeExceptFills(live::onDurable);
        live.rebuild();
        return live;
    }

    /**
     * The newest snapshot; read it from any thread.
     *
     * @return the snapshot, or null before the first one is taken.
     */
    public D current()
    {
        return current;
    }

    /**
     * How many snapshots were taken, the first included.
     *
     * @return the count.
     */
    public long rebuilds()
    {
        return rebuilds;
    }

    /**
     * How many times a snapshot was renumbered after deposits instead of taken again.
     *
     * @return the count.
     */
    public long renumbers()
    {
        return renumbers;
    }

    /**
     * The engine's time (epoch ms) at its last durable publication: the default time of a command decoded against
     * {@link #current()}.
     *
     * @return epoch ms.
     */
    public long time()
    {
        return time;
    }

    /** Runs on the engine thread, inside the hub's publication of durable events. */
    private void onDurable(final List<Event> events)
    {
        time = engine.state().time();
        boolean deposited = false;
        for (int i = 0; i < events.size(); i++)
        {
            final Event event = events.get(i);
            if (event instanceof Event.Deposited && renumbered != null)
            {
                deposited = true;
            }
            else if (mayChangeDefinitions(event))
            {
                rebuild();
                return;
            }
        }
        final D held = current;
        if (deposited && held != null)
        {
            current = renumbered.apply(held, engine);
            renumbers++;
        }
    }

    private void rebuild()
    {
        time = engine.state().time();
        current = snapshot.apply(engine);
        rebuilds++;
    }

    /**
     * Whether an event may change a definition or a default the decoder takes from the snapshot (the next deposit
     * and forced-withdrawal request ids: forced withdrawals rebuild it, deposits renumber it when the snapshot can be
     * renumbered). The events of trading, owners' transfers, prices, funding, liquidations, option settlement and
     * batches never do; every other event, including any added later, is taken to, so that a new kind of definition
     * change rebuilds the snapshot rather than leaves it stale.
     *
     * @param event a durable event.
     * @return false only for the events known to leave definitions as they are.
     */
    static boolean mayChangeDefinitions(final Event event)
    {
        return !(event instanceof Event.TradeSettled || event instanceof Event.PositionChanged ||
            event instanceof Event.Transferred ||
            event instanceof Event.OraclePriceUpdated || event instanceof Event.OraclePriceHeld ||
            event instanceof Event.OracleReportRejected || event instanceof Event.VolSurfaceUpdated ||
            event instanceof Event.VolSurfaceSubmitted || event instanceof Event.VolSurfaceHeld ||
            event instanceof Event.FundingSampled || event instanceof Event.FundingTicked ||
            event instanceof Event.FundingPaid || event instanceof Event.Liquidated ||
            event instanceof Event.InsuranceFundChanged || event instanceof Event.Deleveraged ||
            event instanceof Event.LossSocialized || event instanceof Event.DeficitCovered ||
            event instanceof Event.OptionSettled || event instanceof Event.MarginModeChanged ||
            event instanceof Event.BatchSealed || event instanceof Event.Rejected ||
            event instanceof Event.SessionKeyRegistered || event instanceof Event.SessionKeyRevoked ||
            event instanceof Event.OrdersCancelled || event instanceof Event.NonceFloorRaised ||
            event instanceof Event.BlockTradeSettled);
    }
}
