package io.novation.node.stream;

import io.novation.core.event.Event;

import java.util.function.Consumer;

/**
 * Re-derives the events of commands that are no longer in the ring, by replaying the journal into a scratch engine.
 */
@FunctionalInterface
public interface EventHistory
{
    /**
     * Hands over every event of the commands with a sequence in (after, upTo], in order.
     *
     * @param after    sequence already seen by the client.
     * @param upTo     last sequence to re-derive.
     * @param consumer receives the events.
     */
    void replay(long after, long upTo, Consumer<Event> consumer);
}
