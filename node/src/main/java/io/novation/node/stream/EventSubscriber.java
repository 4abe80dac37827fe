package io.novation.node.stream;

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
}
