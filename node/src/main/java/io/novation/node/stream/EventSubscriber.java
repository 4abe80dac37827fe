package io.novation.node.stream;

/**
 * A client of the event stream, such as a WebSocket session; receives events as JSON text in sequence order.
 */
public interface EventSubscriber
{
    /**
     * Sends one event; may block until the client accepted it.
     *
     * @param json the event.
     * @throws Exception when the client is gone; it is then dropped.
     */
    void send(String json) throws Exception;

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
