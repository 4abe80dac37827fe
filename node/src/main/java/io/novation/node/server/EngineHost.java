package io.novation.node.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.engine.ClearingEngine;
import io.novation.node.metrics.NodeMetrics;
import io.novation.node.sequencer.CommandOutcome;
import io.novation.node.sequencer.SignatureVerifier;
import io.novation.node.sequencer.Submission;
import io.novation.node.stream.EventHub;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * What the HTTP API needs from whatever hosts the engine: the embedded node (its own sequencer and journal) or a
 * cluster member (commands forwarded to the replicated log, reads served by the member's replica). Sequences are
 * command sequence numbers of the engine.
 */
public interface EngineHost
{
    /**
     * The engine whose definitions decode JSON commands and whose state reports read; touch it only through
     * {@link #query(Function)}.
     *
     * @return the engine.
     */
    ClearingEngine engine();

    /**
     * Runs a read on the thread that owns the engine, between commands.
     *
     * @param function the read; must not modify the engine or keep references to its mutable objects.
     * @param <T>      result type.
     * @return the result.
     */
    <T> CompletableFuture<T> query(Function<ClearingEngine, T> function);

    /**
     * Sequences verified submissions; the future completes once they are durable (or refused at sequencing).
     *
     * @param items        the submissions, in order.
     * @param withEvents   whether the outcomes carry their events (where the host can give them).
     * @param arrivalNanos {@link System#nanoTime()} when the request arrived.
     * @return one outcome per submission.
     */
    CompletableFuture<List<CommandOutcome>> submit(List<Submission> items, boolean withEvents, long arrivalNanos);

    /**
     * Whether commands can be sequenced.
     *
     * @return false when the engine thread failed or the host is not connected.
     */
    boolean healthy();

    /**
     * The sequence of the last command the host's engine applied.
     *
     * @return sequence.
     */
    long sequence();

    /**
     * The sequence of the last command known durable.
     *
     * @return sequence.
     */
    long durableSequence();

    /**
     * Checks signatures off the engine thread.
     *
     * @return the verifier.
     */
    SignatureVerifier verifier();

    /**
     * The signature verification threads.
     *
     * @return executor.
     */
    ExecutorService workers();

    /**
     * Durable events for stream subscribers.
     *
     * @return the hub.
     */
    EventHub hub();

    /**
     * The host's metrics.
     *
     * @return metrics.
     */
    NodeMetrics metrics();

    /**
     * The genesis the engine runs.
     *
     * @return genesis.
     */
    Genesis genesis();

    /**
     * Adds what the host knows about itself (for instance its role in a cluster) to the state and health replies.
     *
     * @param body the reply being built.
     */
    default void describe(final ObjectNode body)
    {
    }

    /**
     * The history service that follows this host's journal into a database.
     *
     * @return the service, or null when the host keeps no history.
     */
    default io.novation.node.history.HistoryService history()
    {
        return null;
    }
}
