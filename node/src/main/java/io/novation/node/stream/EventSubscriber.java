package io.novation.node.stream;

import io.novation.core.event.Event;

/**
 * A client of the event stream, such as a WebSocket session; receives events as JSON text in sequence order. The hub
 * never waits for a subscriber: each holds a bounded queue of events drained by its own sends.
 */
public interface EventSubscriber
{
    /**
     * Queues one event without waiting for the client.
     *
     * @param sequence the sequence of the event's command.
     * @param json     the event.
     * @return false when the queue was full: the subscriber is then closed with the sequence to resume from.
     */
    boolean offer(long sequence, String json);

    /**
     * Events queued and not yet written to the client.
     *
     * @return count.
     */
    int backlog();

    /**
     * Closes the subscriber when its oldest unwritten event has waited longer than its stall bound.
     *
     * @param nowNanos {@link System#nanoTime()}.
     * @return true when it was closed.
     */
    boolean closeIfStalled(long nowNanos);

    /**
     * Closes the subscription with a reason.
     *
     * @param code    a reason code.
     * @param message a sentence.
     */
    void close(String code, String message);

    /**
     * Whether the client is still connected.
     *
     * @return true while open.
     */
    boolean isOpen();

    /**
     * Queues one event of a command without waiting for the client; a private subscriber filters here and writes the
     * event's place in its command.
     *
     * @param event the event.
     * @param index its position among its command's events, from 0.
     * @return false when the queue was full, as for {@link #offer}.
     */
    default boolean offerEvent(final Event event, final int index)
    {
        return offer(event.sequence(), EventJson.of(event));
    }

    /**
     * Whether the subscriber is sent a heartbeat every {@link EventHub#HEARTBEAT_MILLIS} ms.
     *
     * @return true to receive heartbeats.
     */
    default boolean wantsHeartbeat()
    {
        return false;
    }

    /**
     * Queues a heartbeat: every event of the commands up to {@code upTo} that this subscriber receives has been
     * queued before it.
     *
     * @param upTo   the sequence this subscriber has been served through; {@code from=upTo} resumes after it.
     * @param latest the latest durable sequence.
     * @return false when the queue was full, as for {@link #offer}.
     */
    default boolean offerHeartbeat(final long upTo, final long latest)
    {
        return offer(upTo + 1, EventJson.heartbeat(upTo, latest));
    }
}
